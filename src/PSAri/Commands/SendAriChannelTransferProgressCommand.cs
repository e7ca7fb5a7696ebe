using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Send-AriChannelTransferProgress: tells the transferring party how an ARI-handled transfer goes
    /// (POST /channels/{id}/transfer_progress).</summary>
    [Cmdlet(VerbsCommunications.Send, "AriChannelTransferProgress", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class SendAriChannelTransferProgressCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>The state of the transfer, such as channel_progress or channel_answered.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string States { get; set; } = "";

        /// <summary>Write the channel (read again) afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(ChannelId, $"Report transfer progress {States}")) return;
            if (Send(new AriRequest("POST", "channels", ChannelId, "transfer_progress").With("states", States), ChannelId) is null || !PassThru) return;
            var channel = Send(new AriRequest("GET", "channels", ChannelId), AriJsonContext.Default.Channel, ChannelId);
            if (channel != null) WriteObject(channel);
        }
    }
}
