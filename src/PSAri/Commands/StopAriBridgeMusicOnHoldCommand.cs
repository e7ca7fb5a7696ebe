using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Stop-AriBridgeMusicOnHold: stops the bridge's music on hold (DELETE /bridges/{id}/moh).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriBridgeMusicOnHold", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Bridge))]
    public sealed class StopAriBridgeMusicOnHoldCommand : AriConnectedCmdlet
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
            Act(BridgeId, "Stop music on hold", new AriRequest("DELETE", "bridges", BridgeId, "moh"), PassThru, new AriRequest("GET", "bridges", BridgeId), AriJsonContext.Default.Bridge);
        }
    }
}
