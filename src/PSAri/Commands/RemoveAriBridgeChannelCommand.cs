using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Remove-AriBridgeChannel: takes channels out of a bridge (POST /bridges/{id}/removeChannel); they
    /// stay in the application. The ids of one pipeline item go in one request, comma-separated.</summary>
    [Cmdlet(VerbsCommon.Remove, "AriBridgeChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Bridge))]
    public sealed class RemoveAriBridgeChannelCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string[] ChannelId { get; set; } = null!;

        /// <summary>Write the bridge (read again) after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (BridgeChannels.HasComma(this, ChannelId)) return;
            var channels = string.Join(",", ChannelId);
            if (!ShouldProcess(BridgeId, $"Remove channel(s) {channels}")) return;
            if (Send(new AriRequest("POST", "bridges", BridgeId, "removeChannel").With("channel", channels), BridgeId) is null || !PassThru) return;
            var bridge = Send(new AriRequest("GET", "bridges", BridgeId), AriJsonContext.Default.Bridge, BridgeId);
            if (bridge != null) WriteObject(bridge);
        }
    }
}
