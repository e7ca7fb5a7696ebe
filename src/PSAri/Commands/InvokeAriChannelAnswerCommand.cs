using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriChannelAnswer: answers a channel (POST /channels/{id}/answer).</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriChannelAnswer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class InvokeAriChannelAnswerCommand : AriChannelActionCmdlet
    {
        private protected override string Action => "Answer";

        private protected override AriRequest BuildRequest(string channelId) => new AriRequest("POST", "channels", channelId, "answer");
    }
}
