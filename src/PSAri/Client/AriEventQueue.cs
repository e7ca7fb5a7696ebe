using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace PSAri.Client
{
    /// <summary>The bounded queue between an event stream's reader thread (the one producer) and its pipeline
    /// thread (the one consumer). It replaces a BlockingCollection, which takes four locks per event and, once
    /// full, wakes the reader for every event the pipeline takes. Here the pipeline takes everything queued under
    /// one lock and then reads that batch lock-free, and a reader stopped by a full queue sleeps until the
    /// pipeline has taken a tenth of it: neither thread is woken once per event, and memory stays within a
    /// tenth of the queue of its peak (see docs/benchmarks.md).</summary>
    internal sealed class AriEventQueue<T>
    {
        private readonly object _gate = new object();
        private readonly int _capacity;
        private readonly int _resumeAt;
        private Queue<T> _incoming = new Queue<T>(); // the reader's side, under _gate
        private Queue<T> _batch = new Queue<T>();    // the pipeline's side, no lock: only the consumer touches it
        private int _count;                          // items in both
        private bool _completed;
        private bool _consumerWaiting;

        public AriEventQueue(int capacity)
        {
            _capacity = capacity;
            _resumeAt = capacity - Math.Max(1, capacity / 10);
        }

        /// <summary>Items added and not taken yet.</summary>
        public int Count => Volatile.Read(ref _count);

        /// <summary>True once <see cref="CompleteAdding"/> was called and every item was taken.</summary>
        public bool IsCompleted => Volatile.Read(ref _completed) && Count == 0;

        /// <summary>Adds an item; when the queue is full, blocks until the consumer has taken a tenth of it.</summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired while waiting.</exception>
        public void Add(T item, CancellationToken cancel)
        {
            lock (_gate)
            {
                if (_count >= _capacity)
                {
                    using (cancel.Register(WakeAll))
                    {
                        while (_count > _resumeAt)
                        {
                            cancel.ThrowIfCancellationRequested();
                            Monitor.Wait(_gate); // TryTake pulses when the count comes down to _resumeAt
                        }
                    }
                }
                if (_completed) throw new InvalidOperationException("The event queue no longer accepts items.");
                _incoming.Enqueue(item);
                Interlocked.Increment(ref _count);
                if (_consumerWaiting) Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Takes the next item; false when the timeout passed (Timeout.Infinite: never) or the queue is completed and empty.</summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired while waiting.</exception>
        public bool TryTake(out T item, int millisecondsTimeout, CancellationToken cancel)
        {
            if (_batch.Count == 0 && !TakeBatch(millisecondsTimeout, cancel))
            {
                item = default!;
                return false;
            }
            item = _batch.Dequeue();
            if (Interlocked.Decrement(ref _count) == _resumeAt)
                WakeAll(); // a reader waiting on a full queue may go on
            return true;
        }

        /// <summary>Moves everything the reader queued to the consumer's side, waiting for at least one item.</summary>
        private bool TakeBatch(int millisecondsTimeout, CancellationToken cancel)
        {
            var clock = Stopwatch.StartNew();
            lock (_gate)
            {
                while (_incoming.Count == 0)
                {
                    if (_completed) return false;
                    cancel.ThrowIfCancellationRequested();
                    var left = millisecondsTimeout == Timeout.Infinite ? Timeout.Infinite : millisecondsTimeout - (int)clock.ElapsedMilliseconds;
                    if (left != Timeout.Infinite && left <= 0) return false;
                    _consumerWaiting = true;
                    try
                    {
                        using (cancel.Register(WakeAll))
                            Monitor.Wait(_gate, left);
                    }
                    finally { _consumerWaiting = false; }
                }
                var taken = _incoming;
                _incoming = _batch; // empty
                _batch = taken;
                return true;
            }
        }

        /// <summary>No more items will be added; a waiting consumer returns false once the queue is empty.</summary>
        public void CompleteAdding()
        {
            lock (_gate)
            {
                _completed = true;
                Monitor.PulseAll(_gate);
            }
        }

        private void WakeAll()
        {
            lock (_gate) Monitor.PulseAll(_gate);
        }
    }
}
