using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Stop-AriChannelMute: unmutes a channel's audio (DELETE /channels/{id}/mute). The direction is always sent: Asterisk
    /// 22.10.1 answers 400 "Direction is required" without it, although the API documents a default.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriChannelMute", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class StopAriChannelMuteCommand : AriChannelActionCmdlet
    {
        /// <summary>in (audio from the channel), out (audio to the channel) or both.</summary>
        [Parameter(Position = 1)]
        [ValidateSet("both", "in", "out")]
        public string Direction { get; set; } = "both";

        private protected override string Action => $"Unmute (direction {Direction})";

        private protected override AriRequest BuildRequest(string channelId) =>
            new AriRequest("DELETE", "channels", channelId, "mute").With("direction", Direction);
    }
}
