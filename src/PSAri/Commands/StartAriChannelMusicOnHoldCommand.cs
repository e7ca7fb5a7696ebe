using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Start-AriChannelMusicOnHold: plays music on hold to a channel (POST /channels/{id}/moh).</summary>
    [Cmdlet(VerbsLifecycle.Start, "AriChannelMusicOnHold", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class StartAriChannelMusicOnHoldCommand : AriChannelActionCmdlet
    {
        /// <summary>The music on hold class (musiconhold.conf); Asterisk's default class when omitted.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MohClass { get; set; }

        private protected override string Action => MohClass is null ? "Start music on hold" : $"Start music on hold, class {MohClass}";

        private protected override AriRequest BuildRequest(string channelId) =>
            new AriRequest("POST", "channels", channelId, "moh").With("mohClass", MohClass);
    }
}
