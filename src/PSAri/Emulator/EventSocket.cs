using System;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Emulator
{
    /// <summary>One /ari/events WebSocket. Frames go out through a single writer loop, in the order they were
    /// queued: a WebSocket allows only one SendAsync at a time, and Asterisk never reorders events.</summary>
    internal sealed class EventSocket
    {
        private readonly WebSocket _ws;
        private readonly ConcurrentQueue<byte[]> _frames = new ConcurrentQueue<byte[]>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly TaskCompletionSource<bool> _closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly EventSocketStream? _output;
        private WebSocketCloseStatus? _echoClose;

        public EventSocket(WebSocket ws, string[] apps, EventSocketStream? output = null)
        {
            _ws = ws;
            Apps = apps;
            _output = output;
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

        /// <summary>Runs the reader and the writer until the socket ends.</summary>
        public async Task RunAsync(CancellationToken cancel)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var writer = Task.Run(() => WriteLoopAsync(stop.Token));
            try
            {
                var buffer = new byte[4096];
                using var message = new System.IO.MemoryStream();
                while (_ws.State == WebSocketState.Open)
                {
                    var r = await _ws.ReceiveAsync(new ArraySegment<byte>(buffer), cancel).ConfigureAwait(false);
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

        private async Task WriteLoopAsync(CancellationToken cancel)
        {
            try
            {
                while (true)
                {
                    await _signal.WaitAsync(cancel).ConfigureAwait(false);
                    if (_echoClose is WebSocketCloseStatus code)
                    {
                        if (_output != null) _output.Hold = false;
                        if (_ws.State == WebSocketState.CloseReceived)
                            await _ws.CloseOutputAsync(code, "", cancel).ConfigureAwait(false);
                        return;
                    }
                    if (!_frames.TryDequeue(out var frame) || _ws.State != WebSocketState.Open)
                        continue;
                    // More frames queued behind this one: let them share one TCP write (EventSocketStream.cs).
                    if (_output != null) _output.Hold = !_frames.IsEmpty;
                    await _ws.SendAsync(new ArraySegment<byte>(frame), WebSocketMessageType.Text, true, cancel).ConfigureAwait(false);
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
            try { _ws.Abort(); } catch (Exception) { }
            _closed.TrySetResult(true);
        }
    }
}
