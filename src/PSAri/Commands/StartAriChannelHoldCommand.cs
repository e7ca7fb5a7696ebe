using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Start-AriChannelHold: puts a channel on hold (POST /channels/{id}/hold).</summary>
    [Cmdlet(VerbsLifecycle.Start, "AriChannelHold", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class StartAriChannelHoldCommand : AriChannelActionCmdlet
    {
        private protected override string Action => "Hold";

        private protected override AriRequest BuildRequest(string channelId) => new AriRequest("POST", "channels", channelId, "hold");
    }
}
