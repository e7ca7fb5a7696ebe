using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriBridgeVariable: one bridge variable (GET /bridges/{id}/variable, a Variable) or several at
    /// once (GET /bridges/{id}/variables, a VariableSet).</summary>
    [Cmdlet(VerbsCommon.Get, "AriBridgeVariable")]
    [OutputType(typeof(Variable), typeof(VariableSet))]
    public sealed class GetAriBridgeVariableCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        /// <summary>The variable name; with several names they are read in one request (sent comma-separated).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = null!;

        protected override void BeginProcessing()
        {
            if (Name.Length > 1)
                foreach (var name in Name)
                    if (name.IndexOf(',') >= 0)
                        ThrowTerminatingError(AriErrors.Record("AriNameHasComma", ErrorCategory.InvalidArgument, name,
                            $"The variable name '{name}' contains a comma; Asterisk splits the list of names on commas.",
                            "Read that variable on its own: Get-AriBridgeVariable -BridgeId <id> -Name '<name>'."));
        }

        protected override void ProcessConnectionRecord()
        {
            if (Name.Length == 1)
            {
                var variable = Send(new AriRequest("GET", "bridges", BridgeId, "variable").With("variable", Name[0]), AriJsonContext.Default.Variable, BridgeId);
                if (variable != null) WriteObject(variable);
                return;
            }
            var set = Send(new AriRequest("GET", "bridges", BridgeId, "variables").With("variables", string.Join(",", Name)), AriJsonContext.Default.VariableSet, BridgeId);
            if (set != null) WriteObject(set);
        }
    }
}
