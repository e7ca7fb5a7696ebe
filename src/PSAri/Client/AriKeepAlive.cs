using System;
using System.Net.WebSockets;
using System.Reflection;

namespace PSAri.Client
{
    /// <summary>WebSocket pings that notice a stalled event socket. Asterisk answers pings but sends none of its own
    /// and is silent while nothing happens, so silence alone proves nothing: only a ping without a pong does.</summary>
    internal static class AriKeepAlive
    {
        // ClientWebSocketOptions.KeepAliveTimeout (.NET 9+, PowerShell 7.5+) turns keep-alive frames into pings that
        // must be answered. netstandard2.0 cannot name it, hence reflection; on older runtimes it is missing and a
        // stall is only noticed when TCP itself gives up.
        private static readonly PropertyInfo? TimeoutProperty = typeof(ClientWebSocketOptions).GetProperty("KeepAliveTimeout", typeof(TimeSpan));

        /// <summary>Why a receive failed, in PSAri's words when a missing pong ended it (the runtime aborts the socket
        /// and the pending receive ends as cancelled, with the pong timeout inside, sometimes in an AggregateException);
        /// null for other failures.</summary>
        public static string? StallReason(Exception e, TimeSpan interval)
        {
            if (!(e is OperationCanceledException)) return null;
            var inner = e.InnerException is AggregateException all ? all.Flatten().InnerExceptions[0] : e.InnerException;
            return inner is WebSocketException
                ? $"no answer to a ping within {interval.TotalSeconds:0.###} s: the server or the network stalled"
                : null;
        }

        /// <summary>Pings after <paramref name="interval"/> without a frame and drops the socket when the pong takes
        /// longer than that, so a stall is noticed within about twice the interval (the runtime checks at most once
        /// a second). Zero leaves the runtime's defaults.</summary>
        public static void Apply(ClientWebSocketOptions options, TimeSpan interval)
        {
            if (interval <= TimeSpan.Zero || TimeoutProperty is null) return;
            options.KeepAliveInterval = interval;
            TimeoutProperty.SetValue(options, interval);
        }
    }
}
