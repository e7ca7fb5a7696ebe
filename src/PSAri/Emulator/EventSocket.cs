using System;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Emulator
{
    /// <summary>One /ari/events WebSocket. Frames go out through a single writer loop, in the order they were
    /// queued: a WebSocket allows only one SendAsync at a time, and Asterisk never reorders events. The emulator
    /// registers a socket's apps before it answers the upgrade, so events can be queued before the WebSocket is
    /// attached; they go out once it runs.</summary>
    internal sealed class EventSocket
    {
        private volatile WebSocket? _ws;
        private readonly ConcurrentQueue<byte[]> _frames = new ConcurrentQueue<byte[]>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly TaskCompletionSource<bool> _closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private EventSocketStream? _output;
        private WebSocketCloseStatus? _echoClose;

        public EventSocket(string[] apps) => Apps = apps;

        /// <summary>The WebSocket the queued frames go out on, once the upgrade is done; a socket aborted before
        /// (a fault, the emulator stopping) aborts it at once.</summary>
        public void Attach(WebSocket ws, EventSocketStream? output = null, EmulatorStallableStream? transport = null)
        {
            _ws = ws;
            _output = output;
            Transport = transport;
            if (Closed.IsCompleted) ws.Abort();
        }

        /// <summary>Answers a text frame from the client (a RESTRequest) with the frame to send back, or null.</summary>
        public Func<EventSocket, byte[], byte[]?>? OnClientFrame { get; set; }

        /// <summary>The ARI user that opened the socket (REST over it acts as that user).</summary>
        public string UserName { get; set; } = "";
        public bool ReadOnly { get; set; }

        /// <summary>The stream under the socket, which fault injection can stall; null if not stallable.</summary>
        internal EmulatorStallableStream? Transport { get; set; }

        /// <summary>The apps this socket registered (app=a,b).</summary>
        public string[] Apps { get; }

        /// <summary>Completes when the socket is gone (closed by the client, dropped, or aborted).</summary>
        public Task Closed => _closed.Task;

        /// <summary>Frames queued and not yet sent (AriEmulator.Flood.cs paces itself by it).</summary>
        internal int Pending => _frames.Count;

        public void Enqueue(byte[] utf8Frame)
        {
            _frames.Enqueue(utf8Frame);
            _signal.Release();
        }

        /// <summary>Runs the reader and the writer until the socket ends (after <see cref="Attach"/>).</summary>
        public async Task RunAsync(CancellationToken cancel)
        {
            var ws = _ws ?? throw new InvalidOperationException("The event socket has no WebSocket yet.");
            if (Closed.IsCompleted) return;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var writer = Task.Run(() => WriteLoopAsync(ws, stop.Token));
            try
            {
                var buffer = new byte[4096];
                using var message = new System.IO.MemoryStream();
                while (ws.State == WebSocketState.Open)
                {
                    var r = await ws.ReceiveAsync(new ArraySegment<byte>(buffer), cancel).ConfigureAwait(false);
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        // Asterisk echoes the client's close code with an empty reason; the writer sends it.
                        _echoClose = r.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
                        _signal.Release();
                        break;
                    }
                    message.Write(buffer, 0, r.Count);
                    if (!r.EndOfMessage)
                        continue;
                    // Text frames from clients are REST requests (answered in order, on this reader); binary ones are ignored.
                    if (r.MessageType == WebSocketMessageType.Text && OnClientFrame?.Invoke(this, message.ToArray()) is byte[] answer)
                        Enqueue(answer);
                    message.SetLength(0);
                }
                await writer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A TCP drop without a close frame is handled like a close, as Asterisk does.
            }
            finally
            {
                stop.Cancel(); // ends a writer still waiting for frames
                _closed.TrySetResult(true);
            }
        }

        private async Task WriteLoopAsync(WebSocket ws, CancellationToken cancel)
        {
            try
            {
                while (true)
                {
                    await _signal.WaitAsync(cancel).ConfigureAwait(false);
                    if (_echoClose is WebSocketCloseStatus code)
                    {
                        if (_output != null) _output.Hold = false;
                        if (ws.State == WebSocketState.CloseReceived)
                            await ws.CloseOutputAsync(code, "", cancel).ConfigureAwait(false);
                        return;
                    }
                    if (!_frames.TryDequeue(out var frame) || ws.State != WebSocketState.Open)
                        continue;
                    // More frames queued behind this one: let them share one TCP write (EventSocketStream.cs).
                    if (_output != null) _output.Hold = !_frames.IsEmpty;
                    await ws.SendAsync(new ArraySegment<byte>(frame), WebSocketMessageType.Text, true, cancel).ConfigureAwait(false);
                }
            }
            catch (Exception)
            {
                Abort();
            }
        }

        /// <summary>Drops the TCP connection without a close frame (what Asterisk does when it stops).</summary>
        public void Abort()
        {
            try { _ws?.Abort(); } catch (Exception) { }
            _closed.TrySetResult(true);
        }
    }
}
