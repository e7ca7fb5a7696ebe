using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriLiveRecording: a recording in progress (GET /recordings/live/{name}).</summary>
    [Cmdlet(VerbsCommon.Get, "AriLiveRecording")]
    [OutputType(typeof(LiveRecording))]
    public sealed class GetAriLiveRecordingCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriLiveRecordingCompleter))]
        public string[] RecordingName { get; set; } = null!;

        protected override void ProcessConnectionRecord()
        {
            foreach (var name in RecordingName)
            {
                var recording = Send(new AriRequest("GET", "recordings", "live", name), AriJsonContext.Default.LiveRecording, name);
                if (recording != null) WriteObject(recording);
            }
        }
    }
}
