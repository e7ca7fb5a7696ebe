using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriStoredRecording: every stored recording, or the named ones (GET /recordings/stored[/{name}]).</summary>
    [Cmdlet(VerbsCommon.Get, "AriStoredRecording")]
    [OutputType(typeof(StoredRecording))]
    public sealed class GetAriStoredRecordingCommand : AriConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriStoredRecordingCompleter))]
        public string[]? RecordingName { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (RecordingName is null)
            {
                var all = Send(new AriRequest("GET", "recordings", "stored"), AriJsonContext.Default.StoredRecordingArray, null);
                if (all != null) WriteObject(all, enumerateCollection: true);
                return;
            }
            foreach (var name in RecordingName)
            {
                var recording = Send(new AriRequest("GET", "recordings", "stored", name), AriJsonContext.Default.StoredRecording, name);
                if (recording != null) WriteObject(recording);
            }
        }
    }
}
