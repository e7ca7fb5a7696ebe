using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using PSAri.Model;

namespace PSAri.Emulator
{
    // What the benchmarks (bench/) read off the emulator: TCP connections accepted, playbacks running, and the
    // time from a StasisStart going out to the first request about that channel coming back.
    public sealed partial class AriEmulator
    {
        private long _connectionCount;
        private readonly Dictionary<string, long> _stasisStartSent = new Dictionary<string, long>(StringComparer.Ordinal);
        private readonly List<TimeSpan> _reactionTimes = new List<TimeSpan>();
        private volatile bool _recordReactionTimes;

        /// <summary>TCP connections accepted since the start (a client that reuses its connection adds one).</summary>
        public long ConnectionCount => Interlocked.Read(ref _connectionCount);

        /// <summary>Playbacks queued or playing now, on channels and bridges.</summary>
        public int PlaybackCount
        {
            get { lock (_gate) return _playbacks.Count; }
        }

        /// <summary>When true, the emulator notes when each StasisStart is queued on a socket and, for each such
        /// channel, the time until the first request naming it (/ari/channels/ID/...) arrives: see <see cref="ReactionTimes"/>.</summary>
        public bool RecordReactionTimes
        {
            get => _recordReactionTimes;
            set => _recordReactionTimes = value;
        }

        /// <summary>StasisStart-to-first-request times recorded so far, in the order the requests arrived.</summary>
        public IReadOnlyList<TimeSpan> ReactionTimes
        {
            get { lock (_reactionTimes) return _reactionTimes.ToArray(); }
        }

        /// <summary>The event socket registered for the app now (its identity only), or null.</summary>
        internal object? EventSocketOf(string app)
        {
            lock (_gate) return _apps.TryGetValue(app, out var a) ? a.Socket : null;
        }

        internal void CountConnection() => Interlocked.Increment(ref _connectionCount);

        /// <summary>Called as a StasisStart is queued (under _gate, so before the socket can send it).</summary>
        private void NoteStasisStart(AriEvent e)
        {
            if (!_recordReactionTimes || !(e is StasisStartEvent { Channel: { } channel })) return;
            lock (_reactionTimes) _stasisStartSent[channel.Id] = Stopwatch.GetTimestamp();
        }

        /// <summary>Called when a request's head has been read: the first one about a noted channel ends its timer.</summary>
        internal void NoteRequest(string requestLine)
        {
            if (!_recordReactionTimes) return;
            var now = Stopwatch.GetTimestamp();
            const string prefix = " /ari/channels/";
            var start = requestLine.IndexOf(prefix, StringComparison.Ordinal);
            if (start < 0) return;
            start += prefix.Length;
            var end = requestLine.IndexOfAny(new[] { '/', '?', ' ' }, start);
            var id = Uri.UnescapeDataString(end < 0 ? requestLine.Substring(start) : requestLine.Substring(start, end - start));
            lock (_reactionTimes)
            {
                if (!_stasisStartSent.TryGetValue(id, out var sent)) return;
                _stasisStartSent.Remove(id);
                _reactionTimes.Add(TimeSpan.FromSeconds((now - sent) / (double)Stopwatch.Frequency));
            }
        }
    }
}
