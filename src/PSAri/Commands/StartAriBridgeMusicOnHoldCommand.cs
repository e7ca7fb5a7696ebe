using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Start-AriBridgeMusicOnHold: plays music on hold to the bridge (POST /bridges/{id}/moh).</summary>
    [Cmdlet(VerbsLifecycle.Start, "AriBridgeMusicOnHold", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Bridge))]
    public sealed class StartAriBridgeMusicOnHoldCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        /// <summary>The music on hold class (default when not given).</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? MohClass { get; set; }

        /// <summary>Write the bridge (read again) after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            Act(BridgeId, "Start music on hold", new AriRequest("POST", "bridges", BridgeId, "moh").With("mohClass", MohClass), PassThru, new AriRequest("GET", "bridges", BridgeId), AriJsonContext.Default.Bridge);
        }
    }
}
