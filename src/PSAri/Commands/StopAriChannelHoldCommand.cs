using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Stop-AriChannelHold: takes a channel off hold (DELETE /channels/{id}/hold).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriChannelHold", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class StopAriChannelHoldCommand : AriChannelActionCmdlet
    {
        private protected override string Action => "Take off hold";

        private protected override AriRequest BuildRequest(string channelId) => new AriRequest("DELETE", "channels", channelId, "hold");
    }
}
