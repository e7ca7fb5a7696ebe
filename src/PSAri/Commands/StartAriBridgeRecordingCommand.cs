using System;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Start-AriBridgeRecording: records a bridge's mixed audio to a stored recording (POST /bridges/{id}/record)
    /// and returns the LiveRecording; with -Wait, returns it once finished.</summary>
    [Cmdlet(VerbsLifecycle.Start, "AriBridgeRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LiveRecording))]
    public sealed class StartAriBridgeRecordingCommand : AriRecordCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        /// <summary>The format of the recorder channel that joins the bridge (for example ulaw); Asterisk picks one by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RecorderFormat { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(BridgeId, $"Record to {Name}.{Format}")) return;
            var request = new AriRequest("POST", "bridges", BridgeId, "record").With("recorder_format", RecorderFormat);
            StartRecording(request, BridgeId, null);
        }
    }
}
