using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Remove-AriLiveRecording: cancels a recording in progress and discards its file (DELETE /recordings/live/{name}).</summary>
    [Cmdlet(VerbsCommon.Remove, "AriLiveRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAriLiveRecordingCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriLiveRecordingCompleter))]
        public string RecordingName { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(RecordingName, "Cancel the recording and delete its file")) return;
            if (Send(new AriRequest("DELETE", "recordings", "live", RecordingName), RecordingName) is null) return;
        }
    }
}
