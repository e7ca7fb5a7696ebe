using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace PSAri.Client
{
    /// <summary>The bounded queue between an event stream's reader thread (the one producer) and its pipeline
    /// thread (the consumer). It replaces a BlockingCollection, which takes four locks per event and, once
    /// full, wakes the reader for every event the pipeline takes. Here the pipeline takes everything queued under
    /// one lock of the reader's and then reads that batch under a lock the reader never takes, and a reader stopped by a full queue sleeps until the
    /// pipeline has taken a tenth of it: neither thread is woken once per event, and memory stays within a
    /// tenth of the queue of its peak (see docs/benchmarks.md).</summary>
    internal sealed class AriEventQueue<T>
    {
        private readonly object _gate = new object();
        private readonly object _takeGate = new object();
        private readonly int _capacity;
        private readonly int _resumeAt;
        private Queue<T> _incoming = new Queue<T>(); // the reader's side, under _gate
        private Queue<T> _batch = new Queue<T>();    // the consumers' side, under _takeGate: the reader never waits for it
        private int _count;                          // items in both
        private bool _completed;
        private int _waitingConsumers;
        private int _unannounced;                    // items added with deferWake while a consumer waited, not yet woken for

        /// <summary>Deferred wakes are made at the latest after this many items (a reader that never waits for the
        /// network still wakes the pipeline often).</summary>
        internal const int WakeBatch = 64;

        public AriEventQueue(int capacity)
        {
            _capacity = capacity;
            _resumeAt = capacity - Math.Max(1, capacity / 10);
        }

        /// <summary>A clock in milliseconds; tests replace it to make a wait overrun its timeout by an exact amount.</summary>
        internal Func<long> NowMilliseconds { get; set; } = () => (long)(Stopwatch.GetTimestamp() * MillisecondsPerTick);

        // A factor, not "* 1000 / Frequency": with Linux's nanosecond ticks, timestamp * 1000 overflows after 106 days up.
        private static readonly double MillisecondsPerTick = 1000.0 / Stopwatch.Frequency;

        /// <summary>Consumers waiting for an item now (tests wait for a consumer to be waiting).</summary>
        internal int WaitingConsumers => Volatile.Read(ref _waitingConsumers);

        /// <summary>Items added and not taken yet.</summary>
        public int Count => Volatile.Read(ref _count);

        /// <summary>True once <see cref="CompleteAdding"/> was called and every item was taken.</summary>
        public bool IsCompleted => Volatile.Read(ref _completed) && Count == 0;

        /// <summary>Adds an item; when the queue is full, blocks until the consumer has taken a tenth of it.</summary>
        /// <param name="deferWake">Do not wake a waiting consumer for this item yet: the caller will call
        /// <see cref="Announce"/> (or add <see cref="WakeBatch"/> items). The socket reader adds a burst this way, so
        /// the pipeline thread is woken once per burst instead of once per event (a wake-up is a system call and a
        /// context switch: about a third of the CPU of a fast consumer's run, bench: core).</param>
        /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired while waiting.</exception>
        public void Add(T item, CancellationToken cancel, bool deferWake = false)
        {
            lock (_gate)
                if (_count < _capacity)
                {
                    EnqueueLocked(item, deferWake);
                    return;
                }
            // Full. The registration is made and dropped outside _gate: dropping it waits for a WakeAll already
            // running, and WakeAll takes _gate (holding it there deadlocked a Cancel against a waking waiter).
            using (cancel.Register(WakeAll))
                lock (_gate)
                {
                    AnnounceLocked();
                    if (_count >= _capacity)
                        while (_count > _resumeAt)
                        {
                            cancel.ThrowIfCancellationRequested();
                            Monitor.Wait(_gate); // TryTake pulses when the count comes down to _resumeAt
                        }
                    EnqueueLocked(item, deferWake);
                }
        }

        private void EnqueueLocked(T item, bool deferWake = false)
        {
            if (_completed) throw new InvalidOperationException("The event queue no longer accepts items.");
            _incoming.Enqueue(item);
            Interlocked.Increment(ref _count);
            // A consumer that is not waiting yet finds the item itself: it never waits while items are queued.
            if (_waitingConsumers == 0) return;
            if (deferWake && ++_unannounced < WakeBatch) return;
            _unannounced = 0;
            Monitor.PulseAll(_gate);
        }

        /// <summary>Wakes a consumer waiting for items added with deferWake.</summary>
        public void Announce()
        {
            // Only the caller's own deferred adds raise the count, so it sees them without the lock; 0: nothing to wake.
            if (Volatile.Read(ref _unannounced) == 0) return;
            lock (_gate) AnnounceLocked();
        }

        private void AnnounceLocked()
        {
            if (_unannounced == 0) return;
            _unannounced = 0;
            Monitor.PulseAll(_gate);
        }

        /// <summary>Adds an item unless the queue is full (the drop-oldest policy of a socket nobody reads).</summary>
        public bool TryAdd(T item)
        {
            lock (_gate)
            {
                if (_count >= _capacity) return false;
                EnqueueLocked(item);
                return true;
            }
        }

        /// <summary>Takes the next item if there is one now.</summary>
        public bool TryTake(out T item) => TryTake(out item, 0, CancellationToken.None);

        /// <summary>Takes the next item; false when the timeout passed (Timeout.Infinite: never) or the queue is completed and empty.
        /// Safe from several threads (the pipeline, a closing Disconnect-Ari, a reader dropping the oldest).</summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired while waiting.</exception>
        public bool TryTake(out T item, int millisecondsTimeout, CancellationToken cancel)
        {
            long? start = null;
            while (true)
            {
                lock (_takeGate) // taken before _gate, never the other way round
                {
                    if (_batch.Count == 0)
                        lock (_gate)
                        {
                            var taken = _incoming; // everything the reader queued, in one go
                            _incoming = _batch;    // empty
                            _batch = taken;
                        }
                    if (_batch.Count > 0)
                    {
                        item = _batch.Dequeue();
                        if (Interlocked.Decrement(ref _count) == _resumeAt)
                            WakeAll(); // a reader waiting on a full queue may go on
                        return true;
                    }
                }
                var now = NowMilliseconds();
                if (start is null || now < start) start = now; // a clock that went back (an overflow): count from here
                // Never below 0: a time left of exactly -1 would read as Timeout.Infinite and wait forever (seen as a hung test).
                var left = millisecondsTimeout == Timeout.Infinite ? Timeout.Infinite : (int)Math.Max(0, millisecondsTimeout - (now - start.Value));
                if (!WaitForItems(left, cancel))
                {
                    item = default!;
                    return false;
                }
            }
        }

        /// <summary>Waits until the reader has queued something; false on timeout or when completed and empty.</summary>
        private bool WaitForItems(int millisecondsTimeout, CancellationToken cancel)
        {
            // Registered outside _gate, as in Add.
            using (cancel.Register(WakeAll))
                lock (_gate)
                {
                    if (_incoming.Count > 0) return true;
                    if (_completed || (millisecondsTimeout != Timeout.Infinite && millisecondsTimeout <= 0)) return false;
                    cancel.ThrowIfCancellationRequested();
                    _waitingConsumers++;
                    try { Monitor.Wait(_gate, millisecondsTimeout); }
                    finally { _waitingConsumers--; }
                    cancel.ThrowIfCancellationRequested();
                    return _incoming.Count > 0 || !_completed;
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
