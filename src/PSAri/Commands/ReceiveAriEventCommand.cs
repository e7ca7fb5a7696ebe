using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Receive-AriEvent: opens ARI's event WebSocket for one or more Stasis applications and writes each
    /// event to the pipeline as it arrives, until -Count, -Timeout, Ctrl+C or the server closes the socket.</summary>
    [Cmdlet(VerbsCommunications.Receive, "AriEvent")]
    [OutputType(typeof(AriEvent), typeof(AriMessage))]
    public sealed partial class ReceiveAriEventCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string[] App { get; set; } = null!;

        /// <summary>Also receive events of every channel, bridge, endpoint and device state, not only those in the apps.</summary>
        [Parameter]
        public SwitchParameter SubscribeAll { get; set; }

        /// <summary>Write only events of these types (wildcards allowed); the others are still received.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Type { get; set; }

        /// <summary>Stop after writing this many events (counted after -Type).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        /// <summary>Stop quietly after this many seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, double.MaxValue)]
        public double Timeout { get; set; }

        /// <summary>End with an error when the socket drops instead of reconnecting.</summary>
        [Parameter]
        public SwitchParameter NoReconnect { get; set; }

        /// <summary>Give up reconnecting after this many attempts (0: keep trying until stopped).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxReconnectAttempts { get; set; }

        /// <summary>The longest wait between reconnect attempts, in seconds (the wait doubles from 0.25 s up to this, with jitter).</summary>
        [Parameter]
        [ValidateRange(0.01, 3600)]
        public double MaxReconnectDelay { get; set; } = 30;

        /// <summary>Pings the server after this many seconds without a frame and treats a pong later than that as a
        /// dropped socket (a stalled server is noticed within about twice this time); 0 sends no pings.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public double PingTimeoutSec { get; set; } = 10;

        protected override void EndProcessing()
        {
            var policy = new AriReconnectPolicy
            {
                Enabled = !NoReconnect,
                MaxAttempts = MaxReconnectAttempts,
                MaxDelay = TimeSpan.FromSeconds(MaxReconnectDelay),
                PingTimeout = TimeSpan.FromSeconds(PingTimeoutSec),
                OpenTimeout = CallTimeout,
            };
            var stream = OpenStreams(policy);
            if (stream is null) return;
            WriteVerbose($"Receiving events of {string.Join(", ", App)} from {string.Join(", ", stream.Servers)}.");
            var limits = new AriEventLimits(Type, Count, Timeout);
            try
            {
                while (limits.TryGetWait(out var wait))
                {
                    if (!stream.TryTake(out var item, out var connection, wait, Cancel))
                    {
                        if (stream.IsCompleted)
                        {
                            WriteVerbose($"The server closed the event stream after {limits.Elapsed.TotalSeconds:0.###} s.");
                            break;
                        }
                        continue;
                    }
                    if (item.Error != null)
                    {
                        WriteError(item.Error is AriException ae
                            ? AriErrors.Record(ae, App)
                            : new ErrorRecord(item.Error, "AriUnreadableEvent", ErrorCategory.InvalidData, null));
                        continue;
                    }
                    switch (item.Message)
                    {
                        case ApplicationReplacedEvent replaced:
                            WriteWarning($"Another client opened an event stream for '{replaced.Application}'; Asterisk sends this stream nothing more for it.");
                            break;
                        case AriConnectionEvent { Type: AriConnectionEvent.Lost } lost:
                            WriteWarning($"The event stream from {connection.BaseUri} dropped ({lost.Reason}); reconnecting.");
                            break;
                        case AriConnectionEvent restored:
                            WriteWarning($"The event stream from {connection.BaseUri} is back after {restored.Gap?.TotalSeconds:0.#} s ({restored.Attempts} attempt(s)); events of the gap are lost. Still in the app: "
                                + $"{restored.Applications.Sum(a => a.ChannelIds.Length)} channel(s), {restored.Applications.Sum(a => a.BridgeIds.Length)} bridge(s).");
                            break;
                    }
                    if (!limits.Wants(item.Message!.Type)) continue;
                    WriteObject(item.Message);
                    if (limits.CountWritten()) break;
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: end at once; the socket is closed below.
            }
            finally
            {
                stream.Dispose();
            }
        }
    }
}
