using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Remove-AriBridge: destroys a bridge (DELETE /bridges/{id}); channels in it stay in the application.</summary>
    [Cmdlet(VerbsCommon.Remove, "AriBridge", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAriBridgeCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(BridgeId, "Destroy bridge")) return;
            Send(new AriRequest("DELETE", "bridges", BridgeId), BridgeId);
        }
    }
}
