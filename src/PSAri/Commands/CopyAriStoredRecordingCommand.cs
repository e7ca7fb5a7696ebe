using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Copy-AriStoredRecording: copies a stored recording to a new name (POST /recordings/stored/{name}/copy).</summary>
    [Cmdlet(VerbsCommon.Copy, "AriStoredRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(StoredRecording))]
    public sealed class CopyAriStoredRecordingCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriStoredRecordingCompleter))]
        public string RecordingName { get; set; } = "";

        /// <summary>The name of the copy (destinationRecordingName); it must not exist yet.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("DestinationRecordingName")]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(RecordingName, $"Copy to {Destination}")) return;
            var copy = Send(new AriRequest("POST", "recordings", "stored", RecordingName, "copy").With("destinationRecordingName", Destination),
                AriJsonContext.Default.StoredRecording, RecordingName);
            if (copy != null) WriteObject(copy);
        }
    }
}
