using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriChannelClaim: claims a channel that StasisBroadcast offered (POST /events/claim).
    /// Pipe CallBroadcast events: their ChannelId and Application bind by property name.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriChannelClaim", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class InvokeAriChannelClaimCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>The application that takes the channel.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string Application { get; set; } = "";

        /// <summary>Writes the claimed channel (read again with GET).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(ChannelId, "Claim channel for " + Application)) return;
            var response = Send(new AriRequest("POST", "events", "claim").With("channelId", ChannelId).With("application", Application), ChannelId);
            if (response is null || !PassThru) return;
            var channel = Send(new AriRequest("GET", "channels", ChannelId), AriJsonContext.Default.Channel, ChannelId);
            if (channel != null) WriteObject(channel);
        }
    }
}
