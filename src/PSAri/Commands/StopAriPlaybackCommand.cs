using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Stop-AriPlayback: stops a playback (DELETE /playbacks/{id}); a playing one ends with
    /// PlaybackFinished in state done, a queued one is dropped.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriPlayback", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class StopAriPlaybackCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriPlaybackCompleter))]
        public string PlaybackId { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(PlaybackId, "Stop playback")) return;
            Send(new AriRequest("DELETE", "playbacks", PlaybackId), PlaybackId);
        }
    }
}
