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
    /// the reader stops reading (TCP pushes back on the server): nothing is dropped. When the socket drops, the
    /// reader reconnects by its <see cref="AriReconnectPolicy"/> and queues ConnectionLost / ConnectionRestored
    /// events around the gap.</summary>
    internal sealed class AriEventStream : IDisposable
    {
        /// <summary>Queue bound: events held between socket and pipeline before the reader waits. Not larger: each
        /// queued event is a parsed object graph that survives into older GC generations; at 10,000 a flood-fed
        /// pipeline spent a fifth of its time in GC pauses (docs/benchmarks.md). TCP buffers hold more.</summary>
        internal const int QueueCapacity = 1_000;
        private const int MaxFrameBytes = 64 * 1024 * 1024;
        private static readonly Regex HandshakeStatus = new Regex(@"status code '(\d{3})'", RegexOptions.CultureInvariant);

        private readonly AriConnection _connection;
        private readonly Uri _uri;
        private readonly AriReconnectPolicy _policy;
        private WebSocket _socket;
        private readonly SemaphoreSlim _sendLock = new SemaphoreSlim(1, 1);
        private int _lent;
        private readonly AriEventQueue<AriStreamItem> _queue = new AriEventQueue<AriStreamItem>(QueueCapacity); // AriEventQueue.cs: why not BlockingCollection
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Task? _reader;
        private int _disposed;

        public IReadOnlyList<string> Apps { get; }

        /// <summary>Set when this socket also carries REST (AriWebSocketTransport): RESTResponse frames go here,
        /// never to the hub or the queue.</summary>
        internal Action<RestResponseEvent>? RestAnswers { get; set; }

        /// <summary>Called with the reason each time the socket ends (requests in flight on it cannot be answered).</summary>
        internal Action<string>? SocketLost { get; set; }

        /// <summary>A full queue drops its oldest event (counted in EventsDropped) instead of blocking the reader, so
        /// REST answers on the same socket never wait behind events nobody reads.</summary>
        internal bool DropOldestWhenFull { get; set; }

        private AriEventStream(AriConnection connection, IReadOnlyList<string> apps, Uri uri, AriReconnectPolicy policy, WebSocket? accepted = null)
        {
            _connection = connection;
            Apps = apps;
            _uri = uri;
            _policy = policy;
            _socket = accepted ?? NewSocket();
        }

        /// <summary>Reads a socket Asterisk opened to us (an outbound WebSocket). It does not reconnect (Asterisk
        /// does, with a new socket) and its end is no error: <see cref="SocketLost"/> says why it ended.</summary>
        internal static AriEventStream Accept(AriConnection connection, WebSocket socket)
        {
            var stream = new AriEventStream(connection, Array.Empty<string>(), connection.BaseUri, new AriReconnectPolicy { Enabled = false }, socket) { _accepted = true };
            connection.Events.StreamOpened();
            connection.Events.StreamStarted();
            stream._reader = Task.Run(stream.ReadLoopAsync);
            return stream;
        }

        private bool _accepted;

        private ClientWebSocket NewSocket()
        {
            var socket = new ClientWebSocket();
            // A 64 KiB receive buffer (default 4 KiB) takes dozens of events per read system call (bench: core).
            socket.Options.SetBuffer(64 * 1024, 4 * 1024);
            // Credentials travel in the Authorization header, never in the URL.
            socket.Options.SetRequestHeader("Authorization", _connection.Credential.Authorization.ToString());
            _connection.TlsOptions.Apply(socket.Options, _uri.Host);
            AriKeepAlive.Apply(socket.Options, _policy.PingTimeout);
            return socket;
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

        public static async Task<AriEventStream> OpenAsync(AriConnection connection, IReadOnlyList<string> apps, bool subscribeAll,
            CancellationToken cancel, AriReconnectPolicy? policy = null)
        {
            // The connection's REST socket serves these apps already: read its events instead of replacing it.
            if (connection.Rest.Transport is AriWebSocketTransport rest && rest.TryLendStream(apps, subscribeAll) is AriEventStream lent)
                return lent;
            var stream = new AriEventStream(connection, apps, EventsUri(connection.BaseUri, apps, subscribeAll), policy ?? new AriReconnectPolicy());
            try
            {
                await stream.ConnectAsync(cancel).ConfigureAwait(false);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
            connection.Events.StreamStarted();
            stream._reader = Task.Run(stream.ReadLoopAsync);
            return stream;
        }

        /// <summary>Opens <see cref="_socket"/>; handshake failures become AriExceptions with the HTTP status.</summary>
        private async Task ConnectAsync(CancellationToken cancel)
        {
            var timeout = _policy.OpenTimeout ?? _connection.Rest.Timeout;
            using var timer = new CancellationTokenSource(timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, timer.Token);
            try
            {
                await ((ClientWebSocket)_socket).ConnectAsync(_uri, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                throw new AriException(0, $"ARI did not open the event stream {_uri} within {timeout.TotalSeconds:0.###} s.", "GET " + _uri, isTimeout: true);
            }
            catch (WebSocketException e)
            {
                throw HandshakeError(_connection, _uri, e);
            }
            _connection.Events.StreamOpened();
        }

        private static AriException HandshakeError(AriConnection connection, Uri uri, WebSocketException e)
        {
            var request = "GET " + uri;
            if (connection.TlsOptions.FailureOf(e, request) is AriException tls)
                return tls;
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
        public bool TryTake(out AriStreamItem item, int millisecondsTimeout, CancellationToken cancel)
        {
            if (!_queue.TryTake(out item, millisecondsTimeout, cancel)) return false;
            _connection.CountQueued(-1);
            return true;
        }

        /// <summary>True once the socket has closed and every queued item was taken.</summary>
        public bool IsCompleted => _queue.IsCompleted;

        private async Task ReadLoopAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    string why;
                    try
                    {
                        why = await ReadSocketAsync(buffer).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!_stop.IsCancellationRequested)
                    {
                        why = AriKeepAlive.StallReason(e, _policy.PingTimeout) ?? e.Message;
                    }
                    finally
                    {
                        _connection.Events.StreamClosed();
                    }
                    SocketLost?.Invoke(why);
                    // Stopping, or Dispose closed the socket itself: not a drop to reconnect from.
                    if (_stop.IsCancellationRequested || Volatile.Read(ref _disposed) != 0)
                        return;
                    if (_accepted)
                        return;
                    if (!_policy.Enabled)
                    {
                        Enqueue(new AriStreamItem(null, new AriException(0, $"The ARI event stream from {_connection.BaseUri} broke: {why}", "GET " + _uri)));
                        return;
                    }
                    if (!await ReconnectAsync(why).ConfigureAwait(false))
                        return;
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _queue.CompleteAdding();
                _connection.Events.StreamEnded(_uri);
            }
        }

        /// <summary>Reads frames until the socket ends; returns why it ended (the server closed it, or it dropped).</summary>
        private async Task<string> ReadSocketAsync(byte[] buffer)
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length >= MaxFrameBytes)
                        throw new AriProtocolException($"An ARI event frame exceeded {MaxFrameBytes / (1024 * 1024)} MiB.");
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var receive = _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), _stop.Token);
                if (!receive.IsCompleted)
                    _queue.Announce(); // about to wait for the network: wake the pipeline for the events queued
                var result = await receive.ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                    return $"the server closed the socket ({result.CloseStatus} {result.CloseStatusDescription})".TrimEnd(' ', '(', ')');
                count += result.Count;
                if (!result.EndOfMessage)
                    continue;
                if (result.MessageType == WebSocketMessageType.Text)
                    Dispatch(new ReadOnlySpan<byte>(buffer, 0, count));
                count = 0;
            }
        }

        /// <summary>Queues ConnectionLost, retries with backoff until a socket opens (then queues ConnectionRestored
        /// with what the apps still hold) or the policy's attempts run out (then queues the error). False: give up.</summary>
        private async Task<bool> ReconnectAsync(string why)
        {
            var lostAt = DateTimeOffset.Now;
            Enqueue(new AriStreamItem(Synthetic(AriConnectionEvent.Lost, e => e.Reason = why), null));
            Exception? last = null;
            for (var attempt = 1; _policy.MaxAttempts == 0 || attempt <= _policy.MaxAttempts; attempt++)
            {
                await Task.Delay(_policy.DelayBefore(attempt), _stop.Token).ConfigureAwait(false);
                _socket.Dispose();
                _socket = NewSocket();
                try
                {
                    await ConnectAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!_stop.IsCancellationRequested)
                {
                    last = e;
                    continue;
                }
                _connection.CountReconnect();
                var apps = await ListAppsAsync().ConfigureAwait(false);
                Enqueue(new AriStreamItem(Synthetic(AriConnectionEvent.Restored, e =>
                {
                    e.Gap = DateTimeOffset.Now - lostAt;
                    e.Attempts = attempt;
                    e.Applications = apps;
                }), null));
                return true;
            }
            var gaveUp = $"The ARI event stream from {_connection.BaseUri} broke ({why}) and did not come back after {_policy.MaxAttempts} attempts: {last?.Message}";
            // A refused certificate stays a TLS failure, so its error id tells what to fix.
            Enqueue(new AriStreamItem(null, last is AriTlsException
                ? new AriTlsException(gaveUp, "GET " + _uri, last)
                : new AriException(0, gaveUp, "GET " + _uri, last)));
            return false;
        }

        /// <summary>The apps as the server lists them now; an app it no longer knows holds nothing.</summary>
        private async Task<Application[]> ListAppsAsync()
        {
            var found = new List<Application>();
            foreach (var app in Apps)
            {
                try
                {
                    // Over HTTP: when this socket carries the connection's REST, its reader cannot wait for its own answer.
                    var response = await _connection.Rest.SendHttpAsync(new AriRequest("GET", "applications", app), _stop.Token).ConfigureAwait(false);
                    var application = response.Deserialize(AriJsonContext.Default.Application);
                    application.Attach(_connection);
                    found.Add(application);
                }
                catch (AriException)
                {
                    // 404: the app has no channels left (Asterisk forgets an app with no socket and no channels).
                }
                catch (JsonException)
                {
                }
            }
            return found.ToArray();
        }

        private AriConnectionEvent Synthetic(string type, Action<AriConnectionEvent> fill)
        {
            var e = new AriConnectionEvent { Type = type, Timestamp = DateTimeOffset.Now, Application = string.Join(",", Apps), AsteriskId = _connection.EntityId };
            fill(e);
            e.Attach(_connection);
            return e;
        }

        private void Dispatch(ReadOnlySpan<byte> frame)
        {
            // Closing: nobody takes events any more; skip them so the reader reaches the close echo fast (bench: stream).
            if (Volatile.Read(ref _disposed) != 0) return;
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
            if (message is RestResponseEvent answer && RestAnswers != null)
            {
                RestAnswers(answer);
                return;
            }
            message.Attach(_connection);
            _connection.CountEvent();
            _connection.Events.Publish(message);
            Enqueue(new AriStreamItem(message, null), deferWake: true);
        }

        /// <param name="deferWake">True for events of a socket read: ReadSocketAsync announces them before it waits
        /// for the network again (AriEventQueue.Add).</param>
        private void Enqueue(AriStreamItem item, bool deferWake = false)
        {
            try
            {
                // Blocks while the queue is full: the socket is not read meanwhile (the Block policy).
                _connection.CountQueued(1);
                if (!DropOldestWhenFull)
                    _queue.Add(item, _stop.Token, deferWake);
                else
                    while (!_queue.TryAdd(item))
                        if (_queue.TryTake(out _))
                        {
                            _connection.CountQueued(-1);
                            _connection.CountDropped();
                        }
            }
            catch (OperationCanceledException)
            {
                _connection.CountQueued(-1);
                // Stopping: the consumer is gone.
            }
        }

        /// <summary>Sends one text frame (a WebSocket takes one send at a time).</summary>
        internal async Task SendAsync(byte[] utf8Frame, CancellationToken cancel)
        {
            await _sendLock.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                var socket = _socket;
                if (socket.State != WebSocketState.Open)
                    throw new WebSocketException($"the socket is {socket.State}" + (_policy.Enabled ? " (reconnecting)" : ""));
                await socket.SendAsync(new ArraySegment<byte>(utf8Frame), WebSocketMessageType.Text, true, cancel).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>Lends this stream to one reader (Receive-AriEvent) at a time; its Dispose then only gives it back.</summary>
        internal bool TryLend() => Interlocked.CompareExchange(ref _lent, 1, 0) == 0;

        /// <summary>Closes the stream, or gives it back when it was lent (its owner closes it with <see cref="Close"/>).</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _lent, 0) == 1) return;
            Close();
        }

        /// <summary>Closes the socket politely (Asterisk echoes the close at once), giving up after a short wait.</summary>
        internal void Close()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            // A reader blocked on a full queue must go on to read up to the close echo: empty the queue (Dispatch now
            // skips frames), else closing a busy stream waits out the 500 ms below.
            DrainQueue();
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
            DrainQueue();
            _socket.Dispose();
            _stop.Dispose();
        }

        /// <summary>Events the pipeline never took leave the connection's queued count.</summary>
        private void DrainQueue()
        {
            while (_queue.TryTake(out _, 0, CancellationToken.None)) _connection.CountQueued(-1);
        }
    }

    /// <summary>Something ARI sent that is not ARI: an unreadable frame, or one too large.</summary>
    public sealed class AriProtocolException : Exception
    {
        public AriProtocolException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
