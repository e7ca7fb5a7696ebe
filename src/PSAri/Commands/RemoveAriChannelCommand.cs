using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Remove-AriChannel: hangs a channel up (DELETE /channels/{id}).</summary>
    [Cmdlet(VerbsCommon.Remove, "AriChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAriChannelCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>The hangup reason Asterisk reports (normal, busy, congestion, ...).</summary>
        [Parameter]
        [ValidateSet("normal", "busy", "congestion", "no_answer", "timeout", "rejected", "unallocated", "normal_unspecified", "number_incomplete", "codec_mismatch", "interworking", "failure", "answered_elsewhere")]
        public string? Reason { get; set; }

        /// <summary>A Q.850 cause code instead of a reason name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ReasonCode { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (Reason != null && ReasonCode != null)
                ThrowTerminatingError(AriErrors.Record("AriReasonConflict", ErrorCategory.InvalidArgument, ChannelId,
                    "-Reason and -ReasonCode cannot be used together; Asterisk takes one or the other."));
            if (!ShouldProcess(ChannelId, "Hang up")) return;
            Send(new AriRequest("DELETE", "channels", ChannelId).With("reason", Reason).With("reason_code", ReasonCode), ChannelId);
        }
    }
}
