using System.Management.Automation;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriBridgePlay: plays media to everyone in a bridge (POST /bridges/{id}/play[/{playbackId}])
    /// and returns the Playback (target bridge:ID); with -Wait, returns it once finished.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriBridgePlay", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Playback))]
    public sealed class InvokeAriBridgePlayCommand : AriPlayCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        /// <summary>The audio format of the Announcer channel that plays the media (for example ulaw, slin16).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AnnouncerFormat { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var bridgeId = BridgeId;
            Play("bridges", "bridge", bridgeId,
                m => m is BridgeDestroyedEvent d && d.BridgeId == bridgeId,
                "Bridge {0} was destroyed before playback {1} finished.",
                r => r.With("announcer_format", AnnouncerFormat),
                "Receive-AriEvent -App bridge-app | Where Type -eq StasisStart | Add-AriBridgeChannel -BridgeId $bridge.Id, then Invoke-AriBridgePlay -BridgeId $bridge.Id -Media sound:hello-world -Wait");
        }
    }
}
