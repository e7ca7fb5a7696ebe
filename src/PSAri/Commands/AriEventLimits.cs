using System;
using System.Diagnostics;

namespace PSAri.Commands
{
    /// <summary>What -Type, -Count and -Timeout of the event readers (Receive-AriEvent, Receive-AriOutboundEvent)
    /// make of a stream: how long to wait for the next item, which events are written, and when to stop.</summary>
    internal sealed class AriEventLimits
    {
        private readonly AriEventTypeFilter? _filter;
        private readonly int _count;
        private readonly double _timeoutMilliseconds;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _written;

        /// <param name="count">Stop after this many written events; 0: no limit.</param>
        /// <param name="timeoutSeconds">Stop after this many seconds; 0: no limit.</param>
        public AriEventLimits(string[]? types, int count, double timeoutSeconds)
        {
            _filter = types is null ? null : new AriEventTypeFilter(types);
            _count = count;
            _timeoutMilliseconds = timeoutSeconds * 1000;
        }

        public TimeSpan Elapsed => _clock.Elapsed;

        /// <summary>How long to wait for the next item (infinite without -Timeout); false once -Timeout has passed.</summary>
        public bool TryGetWait(out int milliseconds)
        {
            milliseconds = System.Threading.Timeout.Infinite;
            if (_timeoutMilliseconds <= 0) return true;
            var left = _timeoutMilliseconds - _clock.Elapsed.TotalMilliseconds;
            if (left <= 0) return false;
            milliseconds = (int)Math.Ceiling(Math.Min(left, int.MaxValue));
            return true;
        }

        /// <summary>True when -Type lets an event of this type through.</summary>
        public bool Wants(string type) => _filter is null || _filter.Matches(type);

        /// <summary>Counts one written event; true when it was the last one -Count asks for.</summary>
        public bool CountWritten() => ++_written == _count;
    }
}
