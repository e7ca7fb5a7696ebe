using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriChannelDial: dials a channel made with New-AriChannel -NoDial (POST /channels/{id}/dial).</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriChannelDial", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class InvokeAriChannelDialCommand : AriWaitingCmdlet
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

        /// <summary>Return only once the dialled channel answered (Up, or Dial ANSWER), with the channel; a failed
        /// dial (BUSY, NOANSWER, CANCEL ...) or a hangup is an error.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many seconds (-Timeout is Asterisk's answer timeout).</summary>
        [Parameter]
        [ValidateRange(0.001, double.MaxValue)]
        public double WaitTimeout { get; set; } = 600;

        protected override void ProcessConnectionRecord()
        {
            var channelId = ChannelId;
            if (!ShouldProcess(channelId, "Dial")) return;
            var waitingFor = $"channel {channelId} answering the dial";
            if (!TryRegister(Wait, channelId, waitingFor, m => m switch
                {
                    DialEvent d => d.Peer?.Id == channelId && !string.IsNullOrEmpty(d.DialStatus),
                    ChannelStateChangeEvent c => c.ChannelId == channelId && c.Channel?.State == "Up",
                    ChannelDestroyedEvent d => d.ChannelId == channelId,
                    StasisEndEvent s => s.ChannelId == channelId,
                    _ => false,
                }, out var waiter))
                return;
            using (waiter)
            {
                var request = new AriRequest("POST", "channels", channelId, "dial").With("caller", Caller).With("timeout", Timeout);
                if (Send(request, channelId) is null) return;
                if (waiter != null)
                {
                    switch (AwaitOutcome(waiter, WaitTimeout, channelId, waitingFor))
                    {
                        case ChannelStateChangeEvent c:
                            WriteObject(c.Channel);
                            break;
                        case DialEvent d when d.DialStatus == "ANSWER":
                            WriteObject(d.Peer);
                            break;
                        case DialEvent d:
                            WriteWaitFailure("AriDialFailed", channelId, $"Dialling channel {channelId} failed: {d.DialStatus}.");
                            break;
                        case ChannelDestroyedEvent d:
                            WriteWaitFailure("AriChannelHungUp", channelId, $"Channel {channelId} was hung up{(string.IsNullOrEmpty(d.CauseText) ? "" : $" ({d.CauseText})")} before it answered.");
                            break;
                        case StasisEndEvent _:
                            WriteWaitFailure("AriChannelLeftApp", channelId, $"Channel {channelId} left the application before it answered.");
                            break;
                    }
                    return;
                }
                if (!PassThru) return;
            }
            var channel = Send(new AriRequest("GET", "channels", channelId), AriJsonContext.Default.Channel, channelId);
            if (channel != null) WriteObject(channel);
        }
    }
}
