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
        private const int FloodWindow = 4096;

        /// <summary>Sends <paramref name="count"/> ChannelUserevent events to the socket of <paramref name="app"/>
        /// as fast as the socket takes them, in order. Each is what <c>POST /ari/events/user/NAME?application=APP</c>
        /// with a variable <c>seq</c> sends: eventname <paramref name="eventName"/> and userevent
        /// {"seq": "1".."count", "eventname": ...}. Returns at once; the returned <see cref="EmulatorFlood"/> shows
        /// the progress. When the client stops reading, the flood waits (TCP pushes back): nothing is dropped.</summary>
        /// <exception cref="InvalidOperationException">No WebSocket is connected for the app.</exception>
        public EmulatorFlood Flood(string app, int count, string eventName = "flood")
        {
            if (string.IsNullOrEmpty(eventName)) throw new ArgumentException("eventName must not be empty", nameof(eventName));
            return StartFlood(app, count, () => Frame(new ChannelUsereventEvent
            {
                Type = "ChannelUserevent",
                EventName = eventName,
                UserEvent = new Dictionary<string, object?> { ["seq"] = FloodTemplate.Marker, ["eventname"] = eventName },
            }, app, Json.ChannelUsereventEvent));
        }

        /// <summary>Like <see cref="Flood"/>, but each event is a StasisStart of a channel "flood-1".."flood-count"
        /// (a full channel snapshot, the heaviest common event) that the emulator does not otherwise know:
        /// requests about these channels answer 404. For the benchmarks of Receive-AriEvent.</summary>
        public EmulatorFlood FloodStasisStart(string app, int count)
        {
            var created = DateTimeOffset.UtcNow;
            return StartFlood(app, count, () =>
            {
                var channel = new EmulatedChannel
                {
                    Id = "flood-" + FloodTemplate.Marker, Name = "PJSIP/flood-" + FloodTemplate.Marker, State = "Up",
                    CallerName = "Flood", CallerNumber = "1000", Context = "default", Exten = "1000", Priority = 1,
                    AppName = "Stasis", AppData = app, CreationTime = created,
                };
                return Frame(new StasisStartEvent { Type = "StasisStart", Channel = channel.Snapshot() }, app, Json.StasisStartEvent);
            });
        }

        private FloodTemplate Frame<T>(T e, string app, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) where T : AriEvent
        {
            e.Timestamp = DateTimeOffset.UtcNow;
            e.AsteriskId = EntityId;
            e.Application = app;
            return new FloodTemplate(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(e, info));
        }

        private EmulatorFlood StartFlood(string app, int count, Func<FloodTemplate> template)
        {
            if (string.IsNullOrEmpty(app)) throw new ArgumentException("app must not be empty", nameof(app));
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), "count must not be negative.");
            EventSocket socket;
            lock (_gate)
            {
                ThrowIfDisposed();
                if (!_apps.TryGetValue(app, out var a) || a.Socket is null)
                    throw new InvalidOperationException($"No WebSocket is connected for Stasis application '{app}': there is nobody to flood.");
                socket = a.Socket;
            }
            var flood = new EmulatorFlood(app, count);
            flood.Start(Task.Run(() => FloodAsync(app, socket, template, flood)));
            return flood;
        }

        private async Task FloodAsync(string app, EventSocket socket, Func<FloodTemplate> template, EmulatorFlood flood)
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
                var frames = template(); // serialized once per batch (fresh timestamp), then copied per event
                for (var i = 0; i < room; i++)
                    batch.Add(frames.Render(++seq));
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

    /// <summary>One flood event serialized with <see cref="Marker"/> where the sequence number goes: each event
    /// then costs a copy instead of a serialization, so the flood keeps up with the socket.</summary>
    internal sealed class FloodTemplate
    {
        /// <summary>Control characters, so no real value contains it; JSON writes it escaped.</summary>
        internal const string Marker = "\u0001seq\u0001";
        private static readonly byte[] Written = System.Text.Encoding.ASCII.GetBytes("\\u0001seq\\u0001");
        private readonly List<byte[]> _parts = new List<byte[]>();

        public FloodTemplate(byte[] json)
        {
            var span = new ReadOnlySpan<byte>(json);
            int at;
            while ((at = span.IndexOf(Written)) >= 0)
            {
                _parts.Add(span.Slice(0, at).ToArray());
                span = span.Slice(at + Written.Length);
            }
            _parts.Add(span.ToArray());
        }

        public byte[] Render(long seq)
        {
            var number = System.Text.Encoding.ASCII.GetBytes(seq.ToString(CultureInfo.InvariantCulture));
            var length = number.Length * (_parts.Count - 1);
            foreach (var p in _parts) length += p.Length;
            var frame = new byte[length];
            var offset = 0;
            for (var i = 0; i < _parts.Count; i++)
            {
                if (i > 0)
                {
                    Buffer.BlockCopy(number, 0, frame, offset, number.Length);
                    offset += number.Length;
                }
                Buffer.BlockCopy(_parts[i], 0, frame, offset, _parts[i].Length);
                offset += _parts[i].Length;
            }
            return frame;
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
