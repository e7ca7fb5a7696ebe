using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Start-AriChannelSilence: plays silence to a channel (POST /channels/{id}/silence).</summary>
    [Cmdlet(VerbsLifecycle.Start, "AriChannelSilence", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class StartAriChannelSilenceCommand : AriChannelActionCmdlet
    {
        private protected override string Action => "Play silence";

        private protected override AriRequest BuildRequest(string channelId) => new AriRequest("POST", "channels", channelId, "silence");
    }
}
