using System;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Model;

namespace PSAri.Client
{
    /// <summary>Every event read on a connection's WebSockets passes through its hub, on the socket's reader
    /// thread, before it is queued for the pipeline. Waiters register here before they send the request whose
    /// outcome they wait for, so an event that arrives before the HTTP answer is never missed.</summary>
    internal sealed class AriEventHub
    {
        private readonly object _gate = new object();
        private AriEventWaiter[] _waiters = Array.Empty<AriEventWaiter>();
        private int _openStreams;
        private int _liveStreams;

        /// <summary>Waiters registered and not yet disposed.</summary>
        public int Count => Volatile.Read(ref _waiters).Length;

        /// <summary>How many WebSockets are feeding this hub now.</summary>
        public int OpenStreams => Volatile.Read(ref _openStreams);

        /// <summary>An event stream started reading (it counts while it reconnects, until it ends).</summary>
        internal void StreamStarted() => Interlocked.Increment(ref _liveStreams);

        /// <summary>An event stream ended for good. When it was the last, nothing can deliver the events the
        /// waiters wait for: they fail now instead of waiting out their timeouts.</summary>
        internal void StreamEnded(Uri uri)
        {
            if (Interlocked.Decrement(ref _liveStreams) > 0) return;
            foreach (var waiter in Volatile.Read(ref _waiters))
                waiter.Fail(new AriException(0, $"The event stream {uri} ended while this waited for an event, and no other event stream of the connection is running to deliver it.", "GET " + uri));
        }

        internal void StreamOpened() => Interlocked.Increment(ref _openStreams);
        internal void StreamClosed() => Interlocked.Decrement(ref _openStreams);

        /// <summary>Registers a waiter that completes with the first event <paramref name="match"/> accepts.</summary>
        public AriEventWaiter Register(Func<AriMessage, bool> match)
        {
            var waiter = new AriEventWaiter(this, match);
            lock (_gate)
            {
                var next = new AriEventWaiter[_waiters.Length + 1];
                _waiters.CopyTo(next, 0);
                next[_waiters.Length] = waiter;
                _waiters = next;
            }
            return waiter;
        }

        internal void Remove(AriEventWaiter waiter)
        {
            lock (_gate)
            {
                var index = Array.IndexOf(_waiters, waiter);
                if (index < 0) return;
                var next = new AriEventWaiter[_waiters.Length - 1];
                Array.Copy(_waiters, 0, next, 0, index);
                Array.Copy(_waiters, index + 1, next, index, _waiters.Length - index - 1);
                _waiters = next;
            }
        }

        /// <summary>Playbacks and live recordings seen and not ended (for tab completion).</summary>
        internal AriRecentObjects Recent { get; } = new AriRecentObjects();

        public void Publish(AriMessage message)
        {
            Recent.Observe(message);
            foreach (var waiter in Volatile.Read(ref _waiters))
                waiter.Offer(message);
        }

        /// <summary>The connection is closing: every waiter fails rather than waiting forever.</summary>
        public void Close()
        {
            foreach (var waiter in Volatile.Read(ref _waiters))
                waiter.Fail(new ObjectDisposedException("AriConnection", "The ARI connection was closed."));
        }
    }

    /// <summary>One registered wait for an event.</summary>
    internal sealed class AriEventWaiter : IDisposable
    {
        private readonly AriEventHub _hub;
        private readonly Func<AriMessage, bool> _match;
        private readonly TaskCompletionSource<AriMessage> _result =
            new TaskCompletionSource<AriMessage>(TaskCreationOptions.RunContinuationsAsynchronously);

        internal AriEventWaiter(AriEventHub hub, Func<AriMessage, bool> match)
        {
            _hub = hub;
            _match = match;
        }

        internal void Offer(AriMessage message)
        {
            if (_result.Task.IsCompleted) return;
            try
            {
                if (_match(message)) _result.TrySetResult(message);
            }
            catch (Exception e)
            {
                // A failing filter is reported to the one waiting, never swallowed.
                _result.TrySetException(e);
            }
        }

        internal void Fail(Exception e) => _result.TrySetException(e);

        /// <summary>Blocks until the event came (returns it), the timeout passed (returns null) or <paramref name="cancel"/> fired.</summary>
        public AriMessage? Wait(TimeSpan timeout, CancellationToken cancel)
        {
            try
            {
                var ms = timeout < TimeSpan.Zero ? Timeout.Infinite : (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
                return _result.Task.Wait(ms, cancel) ? _result.Task.Result : null;
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                throw e.InnerExceptions[0];
            }
        }

        public void Dispose() => _hub.Remove(this);
    }
}
