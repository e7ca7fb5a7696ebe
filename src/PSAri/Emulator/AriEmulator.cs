using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Json;

namespace PSAri.Emulator
{
    /// <summary>A loopback ARI server that behaves like Asterisk 22.10.1 (see the transcripts): REST under
    /// /ari, the /ari/events WebSocket, and a simulated dialplan that sends calls into Stasis apps. It listens
    /// on 127.0.0.1 only. Where it and real Asterisk differ, real Asterisk is right.</summary>
    public sealed partial class AriEmulator : IDisposable
    {
        internal const string ServerHeader = "Asterisk/22.10.1";
        internal const string AsteriskVersion = "22.10.1";

        /// <summary>Asterisk (jansson) writes '+', '&lt;', non-ASCII ... unescaped; System.Text.Json's default
        /// encoder would write \u002B.</summary>
        internal static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

        /// <summary>The project's source-generated context, with Asterisk's relaxed escaping.</summary>
        internal static readonly AriJsonContext Json =
            new AriJsonContext(new JsonSerializerOptions(AriJsonContext.Default.Options) { Encoder = Encoder });

        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _cts = new CancellationTokenSource();
        private readonly EmulatorRouter _router = new EmulatorRouter();
        private readonly Dictionary<string, (string Password, bool ReadOnly)> _users =
            new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        private readonly Task _acceptLoop;
        private int _disposed;

        /// <summary>Starts an emulator with the default options (a free port, asterisk/asterisk).</summary>
        public AriEmulator() : this(new AriEmulatorOptions()) { }

        /// <summary>Starts an emulator; it serves requests as soon as the constructor returns.</summary>
        public AriEmulator(AriEmulatorOptions options)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (!(options.TimeScale > 0)) throw new ArgumentOutOfRangeException(nameof(options), "TimeScale must be greater than 0.");
            if (options.Port < 0 || options.Port > 65535) throw new ArgumentOutOfRangeException(nameof(options), "Port must be 0..65535.");
            if (string.IsNullOrEmpty(options.UserName)) throw new ArgumentException("UserName must not be empty.", nameof(options));
            CheckOutbound(options);
            UserName = options.UserName;
            TimeScale = options.TimeScale;
            AnswerDelay = options.AnswerDelay;
            EntityId = options.EntityId;
            _users[options.UserName] = (options.Password ?? "", false);
            _mailboxesServed = options.Mailboxes;
            OpenRequestLogFile(options.RequestLogPath);
            StartTime = DateTimeOffset.UtcNow;
            AddDefaultDialplan();
            AddRoutes();
            (_listener, Port) = Listen(options.Port);
            BaseUri = new Uri($"http://127.0.0.1:{Port}/");
            _acceptLoop = Task.Run(AcceptLoopAsync);
            StartOutbound(options);
        }

        /// <summary>http://127.0.0.1:PORT/ (ARI lives under ari/).</summary>
        public Uri BaseUri { get; }

        public int Port { get; }

        /// <summary>The read-write user (the password is never exposed).</summary>
        public string UserName { get; }

        /// <summary>Playback speed factor (1 = real time).</summary>
        public double TimeScale { get; }

        /// <summary>Time from PlaceCall to StasisStart.</summary>
        public TimeSpan AnswerDelay { get; }

        /// <summary>The asterisk_id on every event.</summary>
        public string EntityId { get; }

        public DateTimeOffset StartTime { get; }

        public bool IsRunning => Volatile.Read(ref _disposed) == 0;

        /// <summary>Adds another ARI user; a read-only one may GET and open sockets, other methods get 403.</summary>
        public void AddUser(string userName, string password, bool readOnly = false)
        {
            lock (_users) _users[userName] = (password, readOnly);
        }

        public override string ToString() => BaseUri.ToString();

        /// <summary>Drops every event WebSocket without a close frame, as a network failure would. The apps lose
        /// their sockets; their channels stay in Stasis, as in Asterisk.</summary>
        public void DropEventSockets()
        {
            EventSocket[] sockets;
            lock (_gate) sockets = _sockets.ToArray();
            foreach (var s in sockets)
                s.Abort();
        }

        /// <summary>Stops listening, drops every socket without a close frame (as Asterisk does on shutdown)
        /// and cancels pending playbacks.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            _cts.Cancel();
            try { _listener.Stop(); } catch (SocketException) { }
            EventSocket[] sockets;
            lock (_gate) sockets = _sockets.ToArray();
            foreach (var s in sockets)
                s.Abort();
            try { _acceptLoop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
            try { _outbound?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
            _cts.Dispose();
        }

        // ---- listening ----

        /// <summary>Binds 127.0.0.1 only; port 0 lets the OS pick a free one.</summary>
        private static (TcpListener, int) Listen(int port)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            // A restarted emulator takes its old port back at once (connections of the old one may be in TIME_WAIT).
            if (port != 0 && Environment.OSVersion.Platform == PlatformID.Unix)
                listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            return (listener, ((IPEndPoint)listener.LocalEndpoint).Port);
        }

        private async Task AcceptLoopAsync()
        {
            while (!_cts.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_cts.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                CountConnection(); // bench: connection reuse (AriEmulator.Bench.cs)
                _ = Task.Run(() => ServeConnectionAsync(client));
            }
        }

        // ---- one keep-alive connection ----

        private async Task ServeConnectionAsync(TcpClient client)
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var buffer = new EmulatorConnectionBuffer();
                try
                {
                    while (!_cts.IsCancellationRequested)
                    {
                        var exchange = await EmulatorHttpExchange.ReadAsync(stream, buffer, _cts.Token).ConfigureAwait(false);
                        if (exchange is null)
                            return;
                        LogRequest(exchange.RequestLine);
                        NoteRequest(exchange.RequestLine); // bench: reaction times (AriEmulator.Bench.cs)
                        if (TakeFault(exchange) is AriEmulatorFault fault)
                        {
                            if (await AnswerWithFaultAsync(fault, exchange).ConfigureAwait(false)) continue;
                            return;
                        }
                        var response = await DispatchAsync(exchange).ConfigureAwait(false);
                        if (response is null)
                            return; // it became a WebSocket, which has ended
                        await exchange.WriteAsync(response).ConfigureAwait(false);
                        // A refused WebSocket handshake ends the connection: the client expected to switch protocols.
                        if (exchange.WantsClose || exchange.IsWebSocketRequest)
                            return;
                    }
                }
                catch (Exception)
                {
                    // A client that went away or sent garbage: drop the connection, as Asterisk does.
                }
            }
        }

        /// <summary>Asterisk's order of checks: non-/ari paths (HTML 404), authentication (also for unknown
        /// paths), /ari itself, trailing slash, unknown path, OPTIONS, unknown method, read-only user, body.
        /// Returns null when the request became a WebSocket.</summary>
        private async Task<EmulatorResponse?> DispatchAsync(EmulatorHttpExchange ctx)
        {
            var raw = ctx.RawUrl;
            var q = raw.IndexOf('?');
            var path = q < 0 ? raw : raw.Substring(0, q);
            var query = ParseForm(q < 0 ? "" : raw.Substring(q + 1));
            var method = ctx.HttpMethod;

            if (path != "/ari" && !path.StartsWith("/ari/", StringComparison.Ordinal))
                return EmulatorResponse.Html(404, "Not Found", "The requested URL was not found on this server.");
            var user = Authenticate(ctx.Headers["Authorization"], query);
            if (user is null)
                return EmulatorResponse.Error(401, "Authentication required")
                    .WithHeader("WWW-Authenticate", "Basic realm=\"Asterisk REST Interface\"");
            if (path == "/ari" || path == "/ari/")
                return method == "OPTIONS"
                    ? EmulatorResponse.NoContent().WithHeader("Allow", "OPTIONS")
                    : EmulatorResponse.Error(405, "Invalid method").WithHeader("Allow", "OPTIONS");
            if (path.EndsWith("/", StringComparison.Ordinal))
                return EmulatorResponse.Error(404, "ARI URLs do not end with a slash. Try " + path.TrimEnd('/'));

            var segments = path.Substring("/ari/".Length).Split('/');
            var match = _router.Find(method, segments);
            if (match.Allowed.Count == 0)
                return EmulatorResponse.Error(404, "Resource not found");
            var allow = EmulatorRouter.AllowHeader(match.Allowed);
            if (method == "OPTIONS")
                return EmulatorResponse.NoContent().WithHeader("Allow", allow);
            if (match.Handler is null)
                return EmulatorResponse.Error(405, "Invalid method").WithHeader("Allow", allow);
            if (user.Value.ReadOnly && method != "GET")
                return EmulatorResponse.Error(403, "Write access denied");

            if (segments.Length == 1 && segments[0] == "events")
                return await AcceptEventsAsync(ctx, query, user.Value).ConfigureAwait(false);

            var request = new EmulatorRequest { Method = method, PathParams = match.PathParams, UserName = user.Value.Name };
            foreach (var pair in query)
                request.Params[pair.Key] = pair.Value; // a repeated parameter: the last one wins
            if (!ReadBody(ctx, request))
                return EmulatorResponse.Error(400, "Error parsing request body");
            return match.Handler(request);
        }

        /// <summary>Basic auth first; api_key=user:password in the query otherwise (valid Basic wins over a
        /// wrong api_key, as in Asterisk).</summary>
        private (string Name, bool ReadOnly)? Authenticate(string? authorization, List<KeyValuePair<string, string>> query)
        {
            if (authorization != null && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                string decoded;
                try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Substring(6).Trim())); }
                catch (FormatException) { decoded = ""; }
                var ok = Check(decoded);
                if (ok != null)
                    return ok;
            }
            var apiKey = query.FirstOrDefault(p => p.Key == "api_key").Value;
            return apiKey is null ? null : Check(apiKey);
        }

        private (string Name, bool ReadOnly)? Check(string userColonPassword)
        {
            var colon = userColonPassword.IndexOf(':');
            if (colon < 0)
                return null;
            var name = userColonPassword.Substring(0, colon);
            var password = userColonPassword.Substring(colon + 1);
            lock (_users)
                return _users.TryGetValue(name, out var u) && FixedTimeEquals(u.Password, password) ? (name, u.ReadOnly) : ((string, bool)?)null;
        }

        private static bool FixedTimeEquals(string a, string b)
        {
            var diff = a.Length ^ b.Length;
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
                diff |= a[i] ^ b[i];
            return diff == 0;
        }

        /// <summary>Body parameters: a JSON object (keys other than "variables" act as query parameters; a list
        /// becomes a comma-separated value) or a form-urlencoded body. Returns false for an unparsable body.</summary>
        private static bool ReadBody(EmulatorHttpExchange http, EmulatorRequest request) => ReadBody(http.Body, http.ContentType, request);

        private static bool ReadBody(byte[] body, string? contentType, EmulatorRequest request)
        {
            if (body.Length == 0)
                return true;
            var text = Encoding.UTF8.GetString(body);
            var type = contentType ?? "";
            if (type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pair in ParseForm(text))
                    request.Params[pair.Key] = pair.Value;
                return true;
            }
            if (!type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || text.Trim().Length == 0)
                return true;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    return false;
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    request.Params[p.Name] = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString()!,
                        JsonValueKind.Array => string.Join(",", p.Value.EnumerateArray().Select(e =>
                            e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())),
                        _ => p.Value.GetRawText(),
                    };
                }
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>Splits a query string or form body; '+' is a space, as in Asterisk's decoder.</summary>
        internal static List<KeyValuePair<string, string>> ParseForm(string text)
        {
            var list = new List<KeyValuePair<string, string>>();
            foreach (var part in text.Split('&'))
            {
                if (part.Length == 0)
                    continue;
                var eq = part.IndexOf('=');
                var name = eq < 0 ? part : part.Substring(0, eq);
                var value = eq < 0 ? "" : part.Substring(eq + 1);
                list.Add(new KeyValuePair<string, string>(Decode(name), Decode(value)));
            }
            return list;
        }

        private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }
}
