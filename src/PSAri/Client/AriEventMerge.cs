using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Client
{
    /// <summary>The event streams of several connections read as one (Receive-AriEvent -Connection $a,$b): a pump per
    /// stream moves its items, in their order, into one bounded queue, each with the connection it came from. Each
    /// stream reconnects on its own; the merge ends when the last stream has ended. One stream is read directly.</summary>
    internal sealed class AriEventMerge : IDisposable
    {
        private readonly IReadOnlyList<(AriConnection Connection, AriEventStream Stream)> _streams;
        private readonly BlockingCollection<(AriConnection, AriStreamItem)>? _queue;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task[] _pumps = Array.Empty<Task>();

        public AriEventMerge(IReadOnlyList<(AriConnection Connection, AriEventStream Stream)> streams)
        {
            _streams = streams;
            if (streams.Count == 1) return;
            // Small, so a slow pipeline still holds each stream's reader back (no event is dropped).
            _queue = new BlockingCollection<(AriConnection, AriStreamItem)>(streams.Count * 64);
            var running = streams.Count;
            _pumps = new Task[streams.Count];
            for (var i = 0; i < streams.Count; i++)
            {
                var (connection, stream) = streams[i];
                _pumps[i] = Task.Run(() =>
                {
                    try
                    {
                        while (stream.TryTake(out var item, Timeout.Infinite, _stop.Token))
                            _queue.Add((connection, item), _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // Disposed: the pipeline has stopped reading.
                    }
                    finally
                    {
                        if (Interlocked.Decrement(ref running) == 0) _queue.CompleteAdding();
                    }
                });
            }
        }

        /// <summary>Takes the next item of any stream; false when the timeout passed or every stream has ended.</summary>
        public bool TryTake(out AriStreamItem item, out AriConnection from, int millisecondsTimeout, CancellationToken cancel)
        {
            if (_queue is null)
            {
                from = _streams[0].Connection;
                return _streams[0].Stream.TryTake(out item, millisecondsTimeout, cancel);
            }
            var taken = _queue.TryTake(out var next, millisecondsTimeout, cancel);
            from = next.Item1 ?? _streams[0].Connection;
            item = next.Item2;
            return taken;
        }

        /// <summary>The servers read, for messages.</summary>
        public IEnumerable<Uri> Servers => _streams.Select(s => s.Connection.BaseUri);

        /// <summary>True once every stream has ended and every item was taken.</summary>
        public bool IsCompleted => _queue?.IsCompleted ?? _streams[0].Stream.IsCompleted;

        public void Dispose()
        {
            _stop.Cancel();
            // The pumps end at once on the cancel; wait for them before their streams go.
            try { Task.WaitAll(_pumps, TimeSpan.FromSeconds(5)); }
            catch (AggregateException) { }
            foreach (var (_, stream) in _streams) stream.Dispose();
        }
    }
}
