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

        /// <summary>The recording's name; a '/' puts it in a subdirectory of the recordings folder.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The file format (wav, gsm, ulaw, ...).</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public string Format { get; set; } = "";

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxDurationSeconds { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxSilenceSeconds { get; set; }

        [Parameter]
        [ValidateSet("fail", "overwrite", "append")]
        public string? IfExists { get; set; }

        [Parameter]
        public SwitchParameter Beep { get; set; }

        [Parameter]
        [ValidateSet("none", "any", "*", "#")]
        public string? TerminateOn { get; set; }

        /// <summary>Return only after the recording finished (RecordingFinished or RecordingFailed).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, double.MaxValue)]
        public double Timeout { get; set; } = 3600;

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(ChannelId, $"Record to {Name}.{Format}")) return;
            var request = new AriRequest("POST", "channels", ChannelId, "record");
            RecordingRequests.AddOptions(request, Name, Format, MaxDurationSeconds, MaxSilenceSeconds, IfExists,
                MyInvocation.BoundParameters.ContainsKey(nameof(Beep)) ? Beep.IsPresent : (bool?)null, TerminateOn);
            StartRecording(request, Name, ChannelId, ChannelId, Wait, Timeout);
        }
    }
}
