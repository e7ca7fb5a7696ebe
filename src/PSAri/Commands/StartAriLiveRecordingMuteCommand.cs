using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Start-AriLiveRecordingMute: mutes a recording in progress (silence is recorded) (POST /recordings/live/{name}/mute).</summary>
    [Cmdlet(VerbsLifecycle.Start, "AriLiveRecordingMute", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LiveRecording))]
    public sealed class StartAriLiveRecordingMuteCommand : AriLiveRecordingActionCmdlet
    {
        private protected override string Action => "Mute the recording";
        private protected override (string Method, string Segment) Operation => ("POST", "mute");
    }
}
