using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Resume-AriChannel: lets a channel leave its Stasis application and continue in the dialplan
    /// (POST /channels/{id}/continue).</summary>
    [Cmdlet(VerbsLifecycle.Resume, "AriChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class ResumeAriChannelCommand : AriWaitingCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Context { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Extension { get; set; }

        [Parameter]
        public int? Priority { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Label { get; set; }

        /// <summary>Write the channel (read again) once it is back in the dialplan.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Return only once the channel left this application (its StasisEnd), with the channel as it was then.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, double.MaxValue)]
        public double Timeout { get; set; } = 600;

        protected override void ProcessConnectionRecord()
        {
            var where = Extension is null && Context is null && Priority is null && Label is null
                ? "the next priority"
                : $"{Extension ?? "(same extension)"}@{Context ?? "(same context)"}" + (Label != null ? $" label {Label}" : Priority != null ? $" priority {Priority}" : "");
            if (!ShouldProcess(ChannelId, $"Continue in the dialplan at {where}")) return;
            var request = new AriRequest("POST", "channels", ChannelId, "continue")
                .With("context", Context).With("extension", Extension).With("priority", Priority).With("label", Label);
            SendLeavingApplication(request, ChannelId, Wait, Timeout, PassThru);
        }
    }
}
