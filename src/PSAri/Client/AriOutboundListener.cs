using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Reflection;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Client
{
    /// <summary>Something the listener has to say besides events: a connection came or went, or was refused.</summary>
    internal sealed class AriListenerNotice
    {
        public AriListenerNotice(string text, bool warning)
        {
            Text = text;
            Warning = warning;
        }

        public string Text { get; }
        public bool Warning { get; }
    }

    /// <summary>Accepts Asterisk's outbound ARI WebSockets (Asterisk 22.5+: ari.conf type=outbound_websocket with a
    /// websocket_client.conf client). Each socket Asterisk opens, after its Basic credentials are checked, becomes
    /// an <see cref="AriConnection"/> whose REST goes over that socket (<see cref="AriWebSocketTransport"/>); its
    /// events, errors and notices meet in one bounded queue for the pipeline thread.</summary>
    internal sealed class AriOutboundListener : IDisposable
    {
        private const int MaxHeadBytes = 16 * 1024;
        private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        private static readonly MethodInfo? CreateFromStream = typeof(WebSocket).GetMethod(
            "CreateFromStream", new[] { typeof(Stream), typeof(bool), typeof(string), typeof(TimeSpan) });

        private readonly TcpListener _listener;
        private readonly AriCredential _expected;
        private readonly X509Certificate2? _certificate;
        private readonly TimeSpan _requestTimeout;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly BlockingCollection<object> _queue = new BlockingCollection<object>(AriEventStream.QueueCapacity);
        private readonly List<AriConnection> _connections = new List<AriConnection>();
        private readonly Task _acceptLoop;

        /// <param name="expected">The user name and password Asterisk must present (websocket_client.conf).</param>
        public AriOutboundListener(IPAddress address, int port, AriCredential expected, X509Certificate2? certificate, TimeSpan requestTimeout)
        {
            if (CreateFromStream is null)
                throw new PlatformNotSupportedException("Accepting WebSockets needs .NET Core 2.1 or later (PowerShell 7).");
            _expected = expected;
            _certificate = certificate;
            _requestTimeout = requestTimeout;
            _listener = new TcpListener(address, port);
            // A listener started again takes its port back at once (the last connections may be in TIME_WAIT).
            if (port != 0 && Environment.OSVersion.Platform == PlatformID.Unix)
                _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

        /// <summary>Connections refused for missing or wrong credentials or a bad handshake.</summary>
        public int Refused;

        /// <summary>Takes the next event (AriMessage), error (Exception) or <see cref="AriListenerNotice"/>.</summary>
        public bool TryTake(out object item, int millisecondsTimeout, CancellationToken cancel) =>
            _queue.TryTake(out item!, millisecondsTimeout, cancel);

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue;
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            var remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
            WebSocket socket;
            try
            {
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                handshake.CancelAfter(_requestTimeout);
                socket = await HandshakeAsync(client, remote, handshake.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                client.Dispose();
                if (_stop.IsCancellationRequested) return;
                Interlocked.Increment(ref Refused);
                Add(new AriListenerNotice($"Refused the connection from {remote}: {e.Message}", warning: true));
                return;
            }

            var connection = new AriConnection(new Uri($"ws://{remote}/"), _expected, _requestTimeout);
            lock (_connections)
            {
                if (_stop.IsCancellationRequested)
                {
                    socket.Abort();
                    client.Dispose();
                    return;
                }
                _connections.Add(connection);
            }
            var stream = AriEventStream.Accept(connection, socket);
            var why = "";
            stream.SocketLost += reason => why = reason;
            connection.Rest.Transport = new AriWebSocketTransport(stream, false, "from " + remote);
            try
            {
                await connection.OpenAsync(_stop.Token).ConfigureAwait(false);
                Add(new AriListenerNotice($"Asterisk {connection.AsteriskVersion} ({connection.EntityId}) connected from {remote} as {_expected.UserName}; REST goes over this socket.", warning: false));
            }
            catch (AriException e)
            {
                Add(new AriListenerNotice($"Asterisk connected from {remote}, but GET asterisk/info over its socket failed: {e.Message}", warning: true));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                while (!stream.IsCompleted)
                {
                    if (!stream.TryTake(out var item, Timeout.Infinite, _stop.Token)) continue;
                    Add(item.Message ?? (object)item.Error!);
                }
                Add(new AriListenerNotice($"The connection from {remote} ended ({why}).", warning: false));
            }
            catch (OperationCanceledException)
            {
                // The listener is stopping.
            }
            finally
            {
                client.Dispose();
            }
        }

        /// <summary>Optional TLS, then the HTTP upgrade: Basic credentials must match, the "ari" protocol is
        /// answered when offered. A refusal answers 401 or 400 before the exception.</summary>
        private async Task<WebSocket> HandshakeAsync(TcpClient client, string remote, CancellationToken cancel)
        {
            client.NoDelay = true;
            Stream stream = client.GetStream();
            if (_certificate != null)
            {
                var ssl = new SslStream(stream, false);
                try
                {
                    await ssl.AuthenticateAsServerAsync(_certificate, false, SslProtocols.None, false).WithCancellation(cancel).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    throw new AuthenticationException($"its TLS handshake failed ({e.Message}); websocket_client.conf needs tls_enabled = yes and a wss:// uri.", e);
                }
                stream = ssl;
            }
            var headers = await ReadHeadAsync(stream, cancel).ConfigureAwait(false);
            if (!headers.TryGetValue("sec-websocket-key", out var key) || (headers.TryGetValue("upgrade", out var upgrade) ? upgrade : "").IndexOf("websocket", StringComparison.OrdinalIgnoreCase) < 0)
            {
                await WriteAsync(stream, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", cancel).ConfigureAwait(false);
                throw new InvalidDataException("it is not a WebSocket handshake.");
            }
            if (!headers.TryGetValue("authorization", out var authorization) || !FixedTimeEquals(authorization.Trim(), _expected.Authorization.ToString()))
            {
                await WriteAsync(stream, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"PSAri\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", cancel).ConfigureAwait(false);
                throw new AuthenticationException(authorization is null
                    ? "it presented no credentials (set username and password in websocket_client.conf)."
                    : $"it did not present the user name and password of '{_expected.UserName}'.");
            }
            var protocol = headers.TryGetValue("sec-websocket-protocol", out var offered) && Array.Exists(offered.Split(','), p => p.Trim() == "ari") ? "ari" : null;
            string accept;
            using (var sha1 = SHA1.Create())
                accept = Convert.ToBase64String(sha1.ComputeHash(Encoding.ASCII.GetBytes(key.Trim() + WebSocketGuid)));
            await WriteAsync(stream, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n"
                + (protocol is null ? "" : "Sec-WebSocket-Protocol: ari\r\n") + "\r\n", cancel).ConfigureAwait(false);
            return (WebSocket)CreateFromStream!.Invoke(null, new object?[] { stream, true, protocol, TimeSpan.FromSeconds(30) })!;
        }

        /// <summary>The request head's headers (names lower-case); byte by byte, so nothing of the WebSocket is read.</summary>
        private static async Task<Dictionary<string, string>> ReadHeadAsync(Stream stream, CancellationToken cancel)
        {
            var head = new List<byte>();
            var one = new byte[1];
            while (head.Count < 4 || head[head.Count - 4] != '\r' || head[head.Count - 3] != '\n' || head[head.Count - 2] != '\r' || head[head.Count - 1] != '\n')
            {
                if (head.Count >= MaxHeadBytes) throw new InvalidDataException("its request head is too large.");
                if (await stream.ReadAsync(one, 0, 1, cancel).ConfigureAwait(false) != 1) throw new EndOfStreamException("it closed the connection during the handshake.");
                head.Add(one[0]);
            }
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            var lines = Encoding.ASCII.GetString(head.ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon > 0) headers[lines[i].Substring(0, colon).Trim().ToLowerInvariant()] = lines[i].Substring(colon + 1).Trim();
            }
            return headers;
        }

        private static Task WriteAsync(Stream stream, string text, CancellationToken cancel)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            return stream.WriteAsync(bytes, 0, bytes.Length, cancel);
        }

        private static bool FixedTimeEquals(string a, string b)
        {
            var diff = a.Length ^ b.Length;
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
                diff |= a[i] ^ b[i];
            return diff == 0;
        }

        private void Add(object item)
        {
            try
            {
                // Blocks while the pipeline is behind: the socket is not read meanwhile, as in Receive-AriEvent.
                _queue.Add(item, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            catch (InvalidOperationException)
            {
                // Stopped.
            }
        }

        /// <summary>Stops listening and closes every connection Asterisk opened.</summary>
        public void Dispose()
        {
            if (_stop.IsCancellationRequested) return;
            _stop.Cancel();
            _listener.Stop();
            AriConnection[] all;
            lock (_connections) all = _connections.ToArray();
            foreach (var connection in all) connection.Dispose();
            try { _acceptLoop.Wait(1000); } catch (AggregateException) { }
            _queue.CompleteAdding();
        }
    }

    internal static class AriTaskExtensions
    {
        /// <summary>Ends the wait for a task that takes no token (netstandard2.0's TLS handshake).</summary>
        public static async Task WithCancellation(this Task task, CancellationToken cancel)
        {
            var gone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancel.Register(() => gone.TrySetResult(true)))
                if (await Task.WhenAny(task, gone.Task).ConfigureAwait(false) != task)
                    throw new OperationCanceledException(cancel);
            await task.ConfigureAwait(false);
        }
    }
}
