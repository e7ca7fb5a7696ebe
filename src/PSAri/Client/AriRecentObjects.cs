using System;
using System.Collections.Generic;
using System.Linq;
using PSAri.Model;

namespace PSAri.Client
{
    /// <summary>Playbacks and live recordings seen on a connection's event streams that have not ended yet.
    /// ARI has no operation that lists them, so tab completion offers these. Only what arrived while a
    /// Receive-AriEvent (or a -Wait) was reading the connection's events is known.</summary>
    internal sealed class AriRecentObjects
    {
        /// <summary>At most this many of each kind are kept; the oldest go first.</summary>
        internal const int Limit = 200;

        private readonly object _gate = new object();
        private readonly Dictionary<string, DateTimeOffset> _playbacks = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _recordings = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

        public void Observe(AriMessage message)
        {
            switch (message)
            {
                case PlaybackFinishedEvent finished:
                    Forget(_playbacks, finished.Playback?.Id);
                    break;
                case PlaybackEvent playback:
                    Remember(_playbacks, playback.Playback?.Id);
                    break;
                case RecordingStartedEvent started:
                    Remember(_recordings, started.Recording?.Name);
                    break;
                case RecordingEvent ended:
                    Forget(_recordings, ended.Recording?.Name);
                    break;
            }
        }

        /// <summary>Ids of playbacks started and not finished, newest first.</summary>
        public string[] Playbacks => Snapshot(_playbacks);

        /// <summary>Names of live recordings started and not finished or failed, newest first.</summary>
        public string[] LiveRecordings => Snapshot(_recordings);

        private void Remember(Dictionary<string, DateTimeOffset> set, string? key)
        {
            if (string.IsNullOrEmpty(key)) return;
            lock (_gate)
            {
                set[key!] = DateTimeOffset.UtcNow;
                if (set.Count > Limit)
                    set.Remove(set.OrderBy(p => p.Value).First().Key);
            }
        }

        private void Forget(Dictionary<string, DateTimeOffset> set, string? key)
        {
            if (string.IsNullOrEmpty(key)) return;
            lock (_gate) set.Remove(key!);
        }

        private string[] Snapshot(Dictionary<string, DateTimeOffset> set)
        {
            lock (_gate) return set.OrderByDescending(p => p.Value).Select(p => p.Key).ToArray();
        }
    }
}
