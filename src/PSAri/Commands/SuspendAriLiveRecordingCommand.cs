using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Suspend-AriLiveRecording: pauses a recording in progress (POST /recordings/live/{name}/pause).</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "AriLiveRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LiveRecording))]
    public sealed class SuspendAriLiveRecordingCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string RecordingName { get; set; } = "";

        /// <summary>Write the live recording afterwards (re-read with GET).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(RecordingName, "Pause the recording")) return;
            if (Send(new AriRequest("POST", "recordings", "live", RecordingName, "pause"), RecordingName) is null) return;
            if (!PassThru) return;
            var recording = Send(new AriRequest("GET", "recordings", "live", RecordingName), AriJsonContext.Default.LiveRecording, RecordingName);
            if (recording != null) WriteObject(recording);
        }
    }
}
