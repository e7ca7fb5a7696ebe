using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Remove-AriStoredRecording: deletes a stored recording's file (DELETE /recordings/stored/{name}).</summary>
    [Cmdlet(VerbsCommon.Remove, "AriStoredRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAriStoredRecordingCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriStoredRecordingCompleter))]
        public string RecordingName { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(RecordingName, "Delete the stored recording")) return;
            Send(new AriRequest("DELETE", "recordings", "stored", RecordingName), RecordingName);
        }
    }
}
