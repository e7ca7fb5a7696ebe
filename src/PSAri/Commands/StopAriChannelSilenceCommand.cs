using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Stop-AriChannelSilence: stops playing silence to a channel (DELETE /channels/{id}/silence).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriChannelSilence", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class StopAriChannelSilenceCommand : AriChannelActionCmdlet
    {
        private protected override string Action => "Stop silence";

        private protected override AriRequest BuildRequest(string channelId) => new AriRequest("DELETE", "channels", channelId, "silence");
    }
}
