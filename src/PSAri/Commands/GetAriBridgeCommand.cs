using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriBridge: every bridge, or the bridges with the given ids (GET /bridges, /bridges/{id}).</summary>
    [Cmdlet(VerbsCommon.Get, "AriBridge")]
    [OutputType(typeof(Bridge))]
    public sealed class GetAriBridgeCommand : AriConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BridgeId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string[]? Id { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (Id is null)
            {
                var bridges = Send(new AriRequest("GET", "bridges"), AriJsonContext.Default.BridgeArray, null);
                if (bridges != null) WriteObject(bridges, enumerateCollection: true);
                return;
            }
            foreach (var id in Id)
            {
                var bridge = Send(new AriRequest("GET", "bridges", id), AriJsonContext.Default.Bridge, id);
                if (bridge != null) WriteObject(bridge);
            }
        }
    }
}
