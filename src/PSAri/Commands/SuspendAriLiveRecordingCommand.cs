using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Suspend-AriLiveRecording: pauses a recording in progress (POST /recordings/live/{name}/pause).</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "AriLiveRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LiveRecording))]
    public sealed class SuspendAriLiveRecordingCommand : AriLiveRecordingActionCmdlet
    {
        private protected override string Action => "Pause the recording";
        private protected override (string Method, string Segment) Operation => ("POST", "pause");
    }
}
