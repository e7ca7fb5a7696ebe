using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Set-AriBridgeVideoSource: makes one channel the bridge's only video source
    /// (POST /bridges/{id}/videoSource/{channelId}).</summary>
    [Cmdlet(VerbsCommon.Set, "AriBridgeVideoSource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Bridge))]
    public sealed class SetAriBridgeVideoSourceCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>Write the bridge (read again) after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            Act(BridgeId, $"Set the video source to channel {ChannelId}", new AriRequest("POST", "bridges", BridgeId, "videoSource", ChannelId), PassThru, new AriRequest("GET", "bridges", BridgeId), AriJsonContext.Default.Bridge);
        }
    }
}
