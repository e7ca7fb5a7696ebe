using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Stop-AriLiveRecording: stops a recording in progress and keeps its file (POST /recordings/live/{name}/stop).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriLiveRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(StoredRecording))]
    public sealed class StopAriLiveRecordingCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriLiveRecordingCompleter))]
        public string RecordingName { get; set; } = "";

        /// <summary>Write the stored recording it became afterwards (re-read with GET).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            Act(RecordingName, "Stop the recording", new AriRequest("POST", "recordings", "live", RecordingName, "stop"), PassThru,
                new AriRequest("GET", "recordings", "stored", RecordingName), AriJsonContext.Default.StoredRecording);
        }
    }
}
