using System;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Start-AriChannelRecording: records a channel's audio to a stored recording (POST /channels/{id}/record)
    /// and returns the LiveRecording; with -Wait, returns it once finished.</summary>
    [Cmdlet(VerbsLifecycle.Start, "AriChannelRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LiveRecording))]
    public sealed class StartAriChannelRecordingCommand : AriRecordCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(ChannelId, $"Record to {Name}.{Format}")) return;
            var request = new AriRequest("POST", "channels", ChannelId, "record");
            StartRecording(request, ChannelId, ChannelId);
        }
    }
}
