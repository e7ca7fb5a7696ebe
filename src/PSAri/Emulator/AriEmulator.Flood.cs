using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Model;

namespace PSAri.Emulator
{
    // Flood mode: a burst of events on one app's socket, as fast as the client reads them, to test and
    // measure throughput and backpressure.
    public sealed partial class AriEmulator
    {
        /// <summary>Frames the flood keeps queued ahead of the socket: enough to keep the writer busy, few
        /// enough that a client that stops reading holds the flood back (the emulator's memory stays flat).</summary>
        private const int FloodWindow = 1024;

        /// <summary>Sends <paramref name="count"/> ChannelUserevent events to the socket of <paramref name="app"/>
        /// as fast as the socket takes them, in order. Each is what <c>POST /ari/events/user/NAME?application=APP</c>
        /// with a variable <c>seq</c> sends: eventname <paramref name="eventName"/> and userevent
        /// {"seq": "1".."count", "eventname": ...}. Returns at once; the returned <see cref="EmulatorFlood"/> shows
        /// the progress. When the client stops reading, the flood waits (TCP pushes back): nothing is dropped.</summary>
        /// <exception cref="InvalidOperationException">No WebSocket is connected for the app.</exception>
        public EmulatorFlood Flood(string app, int count, string eventName = "flood")
        {
            if (string.IsNullOrEmpty(app)) throw new ArgumentException("app must not be empty", nameof(app));
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), "count must not be negative.");
            if (string.IsNullOrEmpty(eventName)) throw new ArgumentException("eventName must not be empty", nameof(eventName));
            EventSocket socket;
            lock (_gate)
            {
                ThrowIfDisposed();
                if (!_apps.TryGetValue(app, out var a) || a.Socket is null)
                    throw new InvalidOperationException($"No WebSocket is connected for Stasis application '{app}': there is nobody to flood.");
                socket = a.Socket;
            }
            var flood = new EmulatorFlood(app, count);
            flood.Start(Task.Run(() => FloodAsync(app, socket, eventName, flood)));
            return flood;
        }

        private async Task FloodAsync(string app, EventSocket socket, string eventName, EmulatorFlood flood)
        {
            var batch = new List<byte[]>(FloodWindow);
            var seq = 0L;
            while (seq < flood.Count)
            {
                if (flood.StopRequested)
                    throw new OperationCanceledException($"The flood was stopped after {seq} of {flood.Count} events.");
                if (socket.Closed.IsCompleted)
                    throw new InvalidOperationException($"The socket of '{app}' closed after {seq} of {flood.Count} events.");
                if (socket.Pending >= FloodWindow / 2)
                {
                    // The writer still has work (or the client is not reading): wait instead of queuing more.
                    await Task.Delay(1, _cts.Token).ConfigureAwait(false);
                    continue;
                }
                batch.Clear();
                var room = (int)Math.Min(FloodWindow - socket.Pending, flood.Count - seq);
                for (var i = 0; i < room; i++)
                {
                    var number = (++seq).ToString(CultureInfo.InvariantCulture);
                    var e = new ChannelUsereventEvent
                    {
                        Type = "ChannelUserevent",
                        Timestamp = DateTimeOffset.UtcNow,
                        EventName = eventName,
                        UserEvent = new Dictionary<string, object?> { ["seq"] = number, ["eventname"] = eventName },
                        AsteriskId = EntityId,
                        Application = app,
                    };
                    batch.Add(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(e, Json.ChannelUsereventEvent));
                }
                lock (_gate)
                {
                    ThrowIfDisposed();
                    // Queued under the lock, like every other event, so the flood interleaves with them in order.
                    if (!_apps.TryGetValue(app, out var a) || a.Socket != socket)
                        throw new InvalidOperationException($"The socket of '{app}' went away after {seq - batch.Count} of {flood.Count} events.");
                    foreach (var frame in batch)
                        socket.Enqueue(frame);
                }
                flood.Queued(batch.Count);
            }
            // Done when the socket has taken the last frame.
            while (socket.Pending > 0 && !socket.Closed.IsCompleted)
                await Task.Delay(1, _cts.Token).ConfigureAwait(false);
        }
    }

    /// <summary>A running or finished <see cref="AriEmulator.Flood"/>.</summary>
    public sealed class EmulatorFlood
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _sent;
        private int _stop;
        private Task _task = Task.CompletedTask;
        private TimeSpan? _elapsed;

        internal EmulatorFlood(string app, int count)
        {
            App = app;
            Count = count;
        }

        /// <summary>The app whose socket is flooded.</summary>
        public string App { get; }

        /// <summary>How many events the flood sends.</summary>
        public int Count { get; }

        /// <summary>Events handed to the socket so far (the last few may still be in its send buffer).</summary>
        public long Sent => Interlocked.Read(ref _sent);

        public bool IsCompleted => _task.IsCompleted;

        /// <summary>Why the flood ended early (socket closed, emulator stopped, <see cref="Stop"/>); null otherwise.</summary>
        public Exception? Error => _task.IsFaulted ? _task.Exception!.GetBaseException() : _task.IsCanceled ? new OperationCanceledException("The flood was cancelled.") : null;

        /// <summary>Time from start to the last frame taken by the socket (so far, while running).</summary>
        public TimeSpan Elapsed => _elapsed ?? _clock.Elapsed;

        /// <summary>Completes when every event was taken by the socket, or the flood ended early.</summary>
        public Task Completion => _task;

        internal bool StopRequested => Volatile.Read(ref _stop) != 0;

        internal void Start(Task task)
        {
            _task = task.ContinueWith(t =>
            {
                _elapsed = _clock.Elapsed;
                t.GetAwaiter().GetResult(); // passes the outcome on
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        internal void Queued(int n) => Interlocked.Add(ref _sent, n);

        /// <summary>Waits for the flood to end; false when <paramref name="timeout"/> passed first.</summary>
        public bool Wait(TimeSpan timeout)
        {
            try
            {
                return _task.Wait(timeout);
            }
            catch (AggregateException)
            {
                return true; // ended early: see Error
            }
        }

        /// <summary>Stops sending (events already queued still go out).</summary>
        public void Stop() => Interlocked.Exchange(ref _stop, 1);

        public override string ToString() => $"{Sent}/{Count} events to {App}";
    }
}
