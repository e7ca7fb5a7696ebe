using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriPlaybackControl: pauses, unpauses, restarts, rewinds or fast-forwards a playback
    /// (POST /playbacks/{id}/control).</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriPlaybackControl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Playback))]
    public sealed class InvokeAriPlaybackControlCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriPlaybackCompleter))]
        public string PlaybackId { get; set; } = "";

        /// <summary>What to do: restart, pause, unpause, reverse (skip back), forward (skip ahead).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("restart", "pause", "unpause", "reverse", "forward")]
        public string Operation { get; set; } = "";

        /// <summary>Write the playback (read again) after the operation.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(PlaybackId, Operation)) return;
            if (Send(new AriRequest("POST", "playbacks", PlaybackId, "control").With("operation", Operation), PlaybackId) is null || !PassThru) return;
            var playback = Send(new AriRequest("GET", "playbacks", PlaybackId), AriJsonContext.Default.Playback, PlaybackId);
            if (playback != null) WriteObject(playback);
        }
    }
}
