using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Resume-AriLiveRecording: resumes a paused recording (DELETE /recordings/live/{name}/pause).</summary>
    [Cmdlet(VerbsLifecycle.Resume, "AriLiveRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LiveRecording))]
    public sealed class ResumeAriLiveRecordingCommand : AriLiveRecordingActionCmdlet
    {
        private protected override string Action => "Resume the recording";
        private protected override (string Method, string Segment) Operation => ("DELETE", "pause");
    }
}
