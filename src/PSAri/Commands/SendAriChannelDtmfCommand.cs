using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Send-AriChannelDtmf: sends DTMF digits to a channel (POST /channels/{id}/dtmf).</summary>
    [Cmdlet(VerbsCommunications.Send, "AriChannelDtmf", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class SendAriChannelDtmfCommand : AriChannelActionCmdlet
    {
        /// <summary>The digits: 0-9, *, #, A-D.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[0-9*#A-Da-d]+$")]
        public string Dtmf { get; set; } = "";

        /// <summary>Milliseconds to wait before the first digit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Before { get; set; }

        /// <summary>Milliseconds between digits.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Between { get; set; }

        /// <summary>Length of each digit in milliseconds.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Duration { get; set; }

        /// <summary>Milliseconds to wait after the last digit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? After { get; set; }

        private protected override string Action => $"Send DTMF {Dtmf}";

        private protected override AriRequest BuildRequest(string channelId) =>
            new AriRequest("POST", "channels", channelId, "dtmf")
                .With("dtmf", Dtmf).With("before", Before).With("between", Between).With("duration", Duration).With("after", After);
    }
}
