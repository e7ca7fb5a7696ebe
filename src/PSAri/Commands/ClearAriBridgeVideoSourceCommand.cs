using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Clear-AriBridgeVideoSource: goes back to the talker video mode (DELETE /bridges/{id}/videoSource).</summary>
    [Cmdlet(VerbsCommon.Clear, "AriBridgeVideoSource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Bridge))]
    public sealed class ClearAriBridgeVideoSourceCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        /// <summary>Write the bridge (read again) after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            Act(BridgeId, "Clear the video source", new AriRequest("DELETE", "bridges", BridgeId, "videoSource"), PassThru, new AriRequest("GET", "bridges", BridgeId), AriJsonContext.Default.Bridge);
        }
    }
}
