using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriChannelDial: dials a channel made with New-AriChannel -NoDial (POST /channels/{id}/dial).</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriChannelDial", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class InvokeAriChannelDialCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>The id of the channel that is calling (for the caller's connected line and linkedid).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Caller { get; set; }

        /// <summary>Seconds to wait for an answer (0: no limit).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>Write the channel (read again) after the dial started.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(ChannelId, "Dial")) return;
            var request = new AriRequest("POST", "channels", ChannelId, "dial").With("caller", Caller).With("timeout", Timeout);
            if (Send(request, ChannelId) is null || !PassThru) return;
            var channel = Send(new AriRequest("GET", "channels", ChannelId), AriJsonContext.Default.Channel, ChannelId);
            if (channel != null) WriteObject(channel);
        }
    }
}
