using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Stop-AriLiveRecordingMute: unmutes a muted recording (DELETE /recordings/live/{name}/mute).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriLiveRecordingMute", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LiveRecording))]
    public sealed class StopAriLiveRecordingMuteCommand : AriLiveRecordingActionCmdlet
    {
        private protected override string Action => "Unmute the recording";
        private protected override (string Method, string Segment) Operation => ("DELETE", "mute");
    }
}
