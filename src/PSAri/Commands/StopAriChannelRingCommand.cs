using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Stop-AriChannelRing: stops the ringing indication on a channel (DELETE /channels/{id}/ring).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriChannelRing", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class StopAriChannelRingCommand : AriChannelActionCmdlet
    {
        private protected override string Action => "Stop ringing";

        private protected override AriRequest BuildRequest(string channelId) => new AriRequest("DELETE", "channels", channelId, "ring");
    }
}
