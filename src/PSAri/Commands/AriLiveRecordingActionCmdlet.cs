using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;

namespace PSAri.Commands
{
    /// <summary>Base of the actions on a live recording that Asterisk answers with 204 (stop, pause, unpause, mute,
    /// unmute): -RecordingName from the pipeline, -WhatIf/-Confirm, and -PassThru, which reads the recording again.</summary>
    public abstract class AriLiveRecordingActionCmdlet : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriLiveRecordingCompleter))]
        public string RecordingName { get; set; } = "";

        /// <summary>Write the recording afterwards (read again with GET).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>What ShouldProcess shows, such as "Pause the recording".</summary>
        private protected abstract string Action { get; }

        /// <summary>The last path segment and method of the action: POST pause, DELETE mute, ...</summary>
        private protected abstract (string Method, string Segment) Operation { get; }

        protected override void ProcessConnectionRecord() =>
            Act(RecordingName, Action, new AriRequest(Operation.Method, "recordings", "live", RecordingName, Operation.Segment), PassThru,
                new AriRequest("GET", "recordings", "live", RecordingName), AriJsonContext.Default.LiveRecording);
    }
}
