using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Start-AriChannelRing: indicates ringing to a channel (POST /channels/{id}/ring).</summary>
    [Cmdlet(VerbsLifecycle.Start, "AriChannelRing", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class StartAriChannelRingCommand : AriChannelActionCmdlet
    {
        private protected override string Action => "Indicate ringing";

        private protected override AriRequest BuildRequest(string channelId) => new AriRequest("POST", "channels", channelId, "ring");
    }
}
