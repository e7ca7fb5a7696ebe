using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriChannelVariable: reads channel variables or dialplan functions. One name:
    /// GET /channels/{id}/variable; several: GET /channels/{id}/variables?variables=a,b (Asterisk 22.10+).</summary>
    [Cmdlet(VerbsCommon.Get, "AriChannelVariable")]
    [OutputType(typeof(ChannelVariable))]
    public sealed class GetAriChannelVariableCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>Variable names or functions such as CALLERID(num); several are read in one request.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = null!;

        protected override void BeginProcessing()
        {
            if (Name.Length < 2) return;
            foreach (var name in Name)
                if (name.IndexOf(',') >= 0)
                    ThrowTerminatingError(AriErrors.Record("AriVariableNameHasComma", ErrorCategory.InvalidArgument, name,
                        $"The variable name '{name}' contains a comma. Asterisk splits the list of names on commas, so it would read '{name.Replace(",", "' and '")}'.",
                        "Read a name with a comma (such as a function with several arguments) on its own: Get-AriChannelVariable -Name '<name>'."));
        }

        protected override void ProcessConnectionRecord()
        {
            var channelId = ChannelId;
            var connection = ActiveConnection;
            if (Name.Length == 1)
            {
                var variable = Send(new AriRequest("GET", "channels", channelId, "variable").With("variable", Name[0]),
                    AriJsonContext.Default.Variable, channelId);
                if (variable != null)
                    WriteObject(new ChannelVariable(channelId, Name[0], variable.Value, connection));
                return;
            }
            var set = Send(new AriRequest("GET", "channels", channelId, "variables").With("variables", string.Join(",", Name)),
                AriJsonContext.Default.VariableSet, channelId);
            if (set is null) return;
            foreach (var name in Name)
                WriteObject(new ChannelVariable(channelId, name, set.Variables != null && set.Variables.TryGetValue(name, out var value) ? value : "", connection));
        }
    }
}
