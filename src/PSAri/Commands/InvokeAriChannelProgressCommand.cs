using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriChannelProgress: indicates call progress (early media) to a channel (POST /channels/{id}/progress).</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriChannelProgress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class InvokeAriChannelProgressCommand : AriChannelActionCmdlet
    {
        private protected override string Action => "Indicate progress";

        private protected override AriRequest BuildRequest(string channelId) => new AriRequest("POST", "channels", channelId, "progress");
    }
}
