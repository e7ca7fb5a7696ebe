using System;

namespace PSAri.Client
{
    /// <summary>How an event stream opens, notices a dead socket (pings) and comes back after its socket dropped:
    /// exponential backoff with jitter, bounded by <see cref="MaxDelay"/>; <see cref="MaxAttempts"/> 0 means keep
    /// trying until stopped.</summary>
    internal sealed class AriReconnectPolicy
    {
        private static readonly Random Jitter = new Random();

        public bool Enabled { get; set; } = true;
        public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
        public int MaxAttempts { get; set; }
        /// <summary>Ping interval and pong deadline of the socket (<see cref="AriKeepAlive"/>); zero turns pings off.</summary>
        public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(10);
        /// <summary>The longest wait for the WebSocket handshake; null means the connection's REST timeout.</summary>
        public TimeSpan? OpenTimeout { get; set; }

        /// <summary>The wait before attempt <paramref name="attempt"/> (1-based): InitialDelay * 2^(attempt-1),
        /// capped at MaxDelay, then scaled by a random 50-100% so many clients do not reconnect in step.</summary>
        public TimeSpan DelayBefore(int attempt)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
            double factor;
            lock (Jitter) factor = 0.5 + Jitter.NextDouble() * 0.5;
            return TimeSpan.FromMilliseconds(ceiling * factor);
        }
    }
}
