using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Stop-AriChannelMusicOnHold: stops music on hold on a channel (DELETE /channels/{id}/moh).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriChannelMusicOnHold", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class StopAriChannelMusicOnHoldCommand : AriChannelActionCmdlet
    {
        private protected override string Action => "Stop music on hold";

        private protected override AriRequest BuildRequest(string channelId) => new AriRequest("DELETE", "channels", channelId, "moh");
    }
}
