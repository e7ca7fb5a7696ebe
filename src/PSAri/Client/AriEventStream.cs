using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Client
{
    /// <summary>One item read from the event socket: a message, or a frame that could not be read.</summary>
    internal readonly struct AriStreamItem
    {
        public AriStreamItem(AriMessage? message, Exception? error)
        {
            Message = message;
            Error = error;
        }

        public AriMessage? Message { get; }
        public Exception? Error { get; }
    }

    /// <summary>ARI's event WebSocket (/ari/events). A reader task parses each frame on its own thread, passes it
    /// to the connection's hub, then into a bounded queue that the pipeline thread drains. When the queue is full
    /// the reader stops reading (TCP pushes back on the server): nothing is dropped.</summary>
    internal sealed class AriEventStream : IDisposable
    {
        /// <summary>Queue bound: events held between socket and pipeline before the reader waits.</summary>
        internal const int QueueCapacity = 10_000;
        private const int MaxFrameBytes = 64 * 1024 * 1024;
        private static readonly Regex HandshakeStatus = new Regex(@"status code '(\d{3})'", RegexOptions.CultureInvariant);

        private readonly AriConnection _connection;
        private readonly ClientWebSocket _socket;
        private readonly BlockingCollection<AriStreamItem> _queue = new BlockingCollection<AriStreamItem>(QueueCapacity);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Task? _reader;
        private int _disposed;

        public IReadOnlyList<string> Apps { get; }

        private AriEventStream(AriConnection connection, IReadOnlyList<string> apps)
        {
            _connection = connection;
            Apps = apps;
            _socket = new ClientWebSocket();
            // Credentials travel in the Authorization header, never in the URL.
            _socket.Options.SetRequestHeader("Authorization", connection.Credential.Authorization.ToString());
        }

        /// <summary>The WebSocket URI for these apps; it never carries credentials.</summary>
        internal static Uri EventsUri(Uri baseUri, IReadOnlyList<string> apps, bool subscribeAll)
        {
            foreach (var app in apps)
            {
                if (string.IsNullOrWhiteSpace(app))
                    throw new ArgumentException("An application name cannot be empty.");
                if (app.IndexOf(',') >= 0)
                    throw new ArgumentException($"The application name '{app}' contains a comma; Asterisk splits app lists on commas.");
            }
            var builder = new UriBuilder(new Uri(baseUri, "ari/events"))
            {
                Scheme = baseUri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
                Query = "app=" + string.Join(",", EscapeEach(apps)) + (subscribeAll ? "&subscribeAll=true" : ""),
            };
            return builder.Uri;
        }

        private static IEnumerable<string> EscapeEach(IReadOnlyList<string> apps)
        {
            foreach (var app in apps) yield return Uri.EscapeDataString(app);
        }

        public static async Task<AriEventStream> OpenAsync(AriConnection connection, IReadOnlyList<string> apps, bool subscribeAll, CancellationToken cancel)
        {
            var uri = EventsUri(connection.BaseUri, apps, subscribeAll);
            var stream = new AriEventStream(connection, apps);
            try
            {
                using var timer = new CancellationTokenSource(connection.Rest.Timeout);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, timer.Token);
                try
                {
                    await stream._socket.ConnectAsync(uri, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancel.IsCancellationRequested)
                {
                    throw new AriException(0, $"ARI did not open the event stream {uri} within {connection.Rest.Timeout.TotalSeconds:0.###} s.", "GET " + uri, isTimeout: true);
                }
                catch (WebSocketException e)
                {
                    throw HandshakeError(connection, uri, e);
                }
            }
            catch
            {
                stream.Dispose();
                throw;
            }
            connection.Events.StreamOpened();
            stream._reader = Task.Run(stream.ReadLoopAsync);
            return stream;
        }

        private static AriException HandshakeError(AriConnection connection, Uri uri, WebSocketException e)
        {
            var request = "GET " + uri;
            var match = HandshakeStatus.Match(e.Message);
            if (!match.Success)
                return new AriException(0, $"Cannot open the ARI event stream {uri}: {e.Message}", request, e);
            var status = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var why = status switch
            {
                401 => $"ARI rejected the user name or password for user '{connection.UserName}'.",
                400 => "ARI refused the request: an application name is missing or invalid.",
                404 => "ARI has no event stream at this address; is the URI an Asterisk ARI server?",
                _ => $"ARI answered {status} instead of switching to a WebSocket.",
            };
            return new AriException(status, $"Cannot open the ARI event stream {uri}: {why}", request, e);
        }

        /// <summary>Takes the next item; false when the timeout passed or the stream has ended (see <see cref="IsCompleted"/>).</summary>
        public bool TryTake(out AriStreamItem item, int millisecondsTimeout, CancellationToken cancel) =>
            _queue.TryTake(out item, millisecondsTimeout, cancel);

        /// <summary>True once the socket has closed and every queued item was taken.</summary>
        public bool IsCompleted => _queue.IsCompleted;

        private async Task ReadLoopAsync()
        {
            var buffer = new byte[64 * 1024];
            var count = 0;
            try
            {
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length >= MaxFrameBytes)
                            throw new AriProtocolException($"An ARI event frame exceeded {MaxFrameBytes / (1024 * 1024)} MiB.");
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }
                    var result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), _stop.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                        break;
                    count += result.Count;
                    if (!result.EndOfMessage)
                        continue;
                    if (result.MessageType == WebSocketMessageType.Text)
                        Dispatch(new ReadOnlySpan<byte>(buffer, 0, count));
                    count = 0;
                }
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                Enqueue(new AriStreamItem(null, new AriException(0, $"The ARI event stream from {_connection.BaseUri} broke: {e.Message}", "GET ari/events", e)));
            }
            catch (OperationCanceledException)
            {
            }
            catch (WebSocketException)
            {
                // Aborted while stopping.
            }
            finally
            {
                _connection.Events.StreamClosed();
                _queue.CompleteAdding();
            }
        }

        private void Dispatch(ReadOnlySpan<byte> frame)
        {
            AriMessage message;
            try
            {
                message = AriEventParser.Parse(frame);
            }
            catch (JsonException e)
            {
                Enqueue(new AriStreamItem(null, new AriProtocolException($"ARI sent a frame PSAri cannot read ({e.Message}): {AriEventParser.Describe(frame)}", e)));
                return;
            }
            message.Attach(_connection);
            _connection.CountEvent();
            _connection.Events.Publish(message);
            Enqueue(new AriStreamItem(message, null));
        }

        private void Enqueue(AriStreamItem item)
        {
            try
            {
                _queue.Add(item, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the consumer is gone.
            }
        }

        /// <summary>Closes the socket politely (Asterisk echoes the close at once), giving up after a short wait.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            if (_socket.State == WebSocketState.Open)
            {
                try
                {
                    using var timer = new CancellationTokenSource(500);
                    _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timer.Token).Wait(500);
                    _reader?.Wait(500);
                }
                catch (Exception)
                {
                    // The socket is going away either way.
                }
            }
            _stop.Cancel();
            _socket.Abort();
            try
            {
                _reader?.Wait(1000);
            }
            catch (AggregateException)
            {
            }
            _socket.Dispose();
            _stop.Dispose();
        }
    }

    /// <summary>Something ARI sent that is not ARI: an unreadable frame, or one too large.</summary>
    public sealed class AriProtocolException : Exception
    {
        public AriProtocolException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
