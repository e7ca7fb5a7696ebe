using System;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Base of the actions whose outcome comes later as an event (originate, dial, continue, move): the one
    /// "register on the hub, send, wait, map the outcome" sequence. The waiter is always registered before the
    /// request is sent, so an event that arrives before the HTTP answer is not missed.</summary>
    public abstract class AriWaitingCmdlet : AriConnectedCmdlet
    {
        /// <summary>Registers <paramref name="match"/> when <paramref name="wait"/> is set. Returns false (after writing
        /// AriNoEventStream) when the connection has no open event stream, since then no event can ever come.</summary>
        private protected bool TryRegister(bool wait, object target, string waitingFor, Func<AriMessage, bool> match, out AriEventWaiter? waiter)
        {
            waiter = null;
            if (!wait) return true;
            var connection = ActiveConnection;
            if (connection.Events.OpenStreams == 0)
            {
                WriteError(AriErrors.Record("AriNoEventStream", ErrorCategory.InvalidOperation, target,
                    $"-Wait needs an open event stream on {connection} to see {waitingFor}.",
                    "Receive events for the application on this connection (Receive-AriEvent -App NAME, in this or another runspace) while the action runs."));
                return false;
            }
            waiter = connection.Events.Register(match);
            return true;
        }

        /// <summary>Waits for the registered event; on timeout writes AriWaitTimeout (OperationTimeout) and returns null.</summary>
        private protected AriMessage? AwaitOutcome(AriEventWaiter waiter, double timeoutSeconds, object target, string waitingFor)
        {
            WriteVerbose($"Waiting for {waitingFor}.");
            var result = WaitFor(waiter, AriWaits.ToTimeSpan(timeoutSeconds));
            if (result is null)
                WriteError(AriErrors.Record("AriWaitTimeout", ErrorCategory.OperationTimeout, target,
                    $"{waitingFor} did not come within {timeoutSeconds} s.",
                    "-Wait only sees events of applications this process receives: check that Receive-AriEvent runs on this connection for the channel's application, or give a longer -Timeout."));
            return result;
        }

        /// <summary>Sends a request that takes a channel out of this application (continue, move, redirect). With
        /// <paramref name="wait"/>: writes the channel from its StasisEnd, or AriMoveFailed on ApplicationMoveFailed;
        /// otherwise, with <paramref name="passThru"/>, the channel read again.</summary>
        private protected void SendLeavingApplication(AriRequest request, string channelId, bool wait, double timeoutSeconds, bool passThru)
        {
            var waitingFor = $"channel {channelId} leaving the application (StasisEnd)";
            if (!TryRegister(wait, channelId, waitingFor, m =>
                    (m is StasisEndEvent s && s.ChannelId == channelId) ||
                    (m is ApplicationMoveFailedEvent f && f.ChannelId == channelId), out var waiter))
                return;
            using (waiter)
            {
                if (Send(request, channelId) is null) return;
                if (waiter != null)
                {
                    switch (AwaitOutcome(waiter, timeoutSeconds, channelId, waitingFor))
                    {
                        case StasisEndEvent s:
                            WriteObject(s.Channel);
                            break;
                        case ApplicationMoveFailedEvent f:
                            WriteWaitFailure("AriMoveFailed", channelId, $"Channel {channelId} could not move to application {f.Destination} (is an application of that name connected?); it stays where it was.");
                            break;
                    }
                    return;
                }
            }
            if (!passThru) return;
            var channel = Send(new AriRequest("GET", "channels", channelId), PSAri.Json.AriJsonContext.Default.Channel, channelId);
            if (channel != null) WriteObject(channel);
        }

        /// <summary>Writes the error for a wait that ended with the wrong event.</summary>
        private protected void WriteWaitFailure(string errorId, object target, string message, ErrorCategory category = ErrorCategory.InvalidResult) =>
            WriteError(AriErrors.Record(errorId, category, target, message));
    }

    /// <summary>Helpers shared by the waits: which object an event concerns, and timeouts.</summary>
    internal static class AriWaits
    {
        /// <summary>Seconds to a TimeSpan; null, infinity or a value too large for a wait means "forever".</summary>
        public static TimeSpan ToTimeSpan(double? seconds) =>
            seconds is double s && s < int.MaxValue / 1000.0 ? TimeSpan.FromSeconds(s) : System.Threading.Timeout.InfiniteTimeSpan;

        public static bool ConcernsChannel(AriMessage m, string id) => m switch
        {
            ChannelEvent e => e.ChannelId == id,
            DialEvent d => d.Peer?.Id == id || d.Caller?.Id == id,
            PlaybackEvent p => p.Playback?.TargetUri == "channel:" + id,
            RecordingEvent r => r.Recording?.TargetUri == "channel:" + id,
            ChannelTransferEvent t => t.ChannelId == id,
            BridgeAttendedTransferEvent a => a.ChannelId == id,
            _ => false,
        };

        public static bool ConcernsBridge(AriMessage m, string id) => m switch
        {
            BridgeEvent b => b.Bridge?.Id == id,
            ChannelEnteredBridgeEvent e => e.Bridge?.Id == id,
            ChannelLeftBridgeEvent l => l.Bridge?.Id == id,
            ChannelUsereventEvent u => u.BridgeId == id,
            PlaybackEvent p => p.Playback?.TargetUri == "bridge:" + id,
            RecordingEvent r => r.Recording?.TargetUri == "bridge:" + id,
            _ => false,
        };

        public static bool ConcernsPlayback(AriMessage m, string id) => m is PlaybackEvent p && p.Playback?.Id == id;

        public static bool ConcernsRecording(AriMessage m, string name) => m is RecordingEvent r && r.Recording?.Name == name;
    }
}
