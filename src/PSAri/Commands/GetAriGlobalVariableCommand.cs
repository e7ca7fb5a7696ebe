using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriGlobalVariable: a global dialplan variable's value (GET /asterisk/variable).</summary>
    [Cmdlet(VerbsCommon.Get, "AriGlobalVariable")]
    [OutputType(typeof(Variable))]
    public sealed class GetAriGlobalVariableCommand : AriConnectedCmdlet
    {
        /// <summary>The variable's name (or a dialplan function such as LEN(abc)).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string Variable { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            var value = Send(new AriRequest("GET", "asterisk", "variable").With("variable", Variable), AriJsonContext.Default.Variable, Variable);
            if (value != null) WriteObject(value);
        }
    }
}
