using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Emulator
{
    /// <summary>What an injected fault does.</summary>
    public enum AriEmulatorFaultKind
    {
        /// <summary>Answers with <see cref="AriEmulatorFault.StatusCode"/> and <see cref="AriEmulatorFault.Body"/> instead of the real answer.</summary>
        Status,
        /// <summary>Waits <see cref="AriEmulatorFault.DelaySec"/> seconds, then answers normally.</summary>
        Delay,
        /// <summary>Sends the head and half of the body (Content-Length promises all of it), then closes the TCP connection.</summary>
        CloseMidBody,
        /// <summary>An event socket stays open but sends nothing and answers no ping, until the faults are cleared.</summary>
        StallEvents,
        /// <summary>An event socket drops without a close frame.</summary>
        DropEvents,
    }

    /// <summary>The body of a <see cref="AriEmulatorFaultKind.Status"/> fault.</summary>
    public enum AriEmulatorFaultBody
    {
        /// <summary>ARI's error JSON, {"message":"..."}.</summary>
        Json,
        /// <summary>No body and no Content-type.</summary>
        None,
        /// <summary>An HTML page (text/html), as a proxy in front of Asterisk might answer.</summary>
        Html,
    }

    /// <summary>One fault rule: which requests (or event sockets) it hits, what it does, and how often.</summary>
    public sealed class AriEmulatorFault
    {
        private int _hits;

        public AriEmulatorFaultKind Kind { get; set; }
        /// <summary>HTTP method to match, wildcards allowed (* and ?); HTTP faults only.</summary>
        public string Method { get; set; } = "*";
        /// <summary>Path under /ari/ to match ("channels/*"), wildcards allowed, without the query; HTTP faults only.
        /// Exactly "events" also hits the event WebSocket's handshake.</summary>
        public string Path { get; set; } = "*";
        /// <summary>Stasis application whose event sockets are hit, wildcards allowed; event socket faults only.</summary>
        public string App { get; set; } = "*";
        public int StatusCode { get; set; } = 500;
        public AriEmulatorFaultBody Body { get; set; } = AriEmulatorFaultBody.Json;
        /// <summary>The message of a JSON body.</summary>
        public string Message { get; set; } = "Injected fault";
        public double DelaySec { get; set; }
        /// <summary>How many requests or sockets the fault hits; 0 means every one until the faults are cleared.</summary>
        public int Count { get; set; } = 1;

        /// <summary>How many requests or sockets it has hit so far.</summary>
        public int Hits => Volatile.Read(ref _hits);

        /// <summary>True while the fault still hits something.</summary>
        public bool IsActive => Count == 0 || Hits < Count;

        internal bool IsHttp => Kind == AriEmulatorFaultKind.Status || Kind == AriEmulatorFaultKind.Delay || Kind == AriEmulatorFaultKind.CloseMidBody;

        /// <summary>Counts one hit if the fault has one left (callers hold the emulator's fault lock).</summary>
        internal bool TryHit()
        {
            if (!IsActive) return false;
            _hits++;
            return true;
        }

        public override string ToString() => IsHttp
            ? $"{Kind} on {Method} {Path} ({Hits}/{(Count == 0 ? "unlimited" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture))})"
            : $"{Kind} on the event sockets of {App} ({Hits}/{(Count == 0 ? "unlimited" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture))})";
    }

    // Fault injection: broken answers, slow answers, cut connections and stalled or dropped event sockets, so
    // that client code (PSAri's and users' own) can be tested against the failures a real network produces.
    public sealed partial class AriEmulator
    {
        private readonly List<AriEmulatorFault> _faults = new List<AriEmulatorFault>();

        /// <summary>The fault rules added since the last <see cref="ClearFaults"/>, spent ones included.</summary>
        public IReadOnlyList<AriEmulatorFault> Faults
        {
            get { lock (_faults) return _faults.ToArray(); }
        }

        /// <summary>Adds a fault rule. HTTP faults hit the next matching REST requests (the WebSocket handshake
        /// only for a Status or Delay rule with the path "events"); event socket faults hit the matching sockets
        /// open now, then sockets opened later while the rule has hits left. Rules are tried in the order they
        /// were added.</summary>
        public AriEmulatorFault AddFault(AriEmulatorFault fault)
        {
            if (fault is null) throw new ArgumentNullException(nameof(fault));
            if (fault.Count < 0) throw new ArgumentOutOfRangeException(nameof(fault), "Count must not be negative.");
            if (fault.Kind == AriEmulatorFaultKind.Status && (fault.StatusCode < 200 || fault.StatusCode > 599))
                throw new ArgumentOutOfRangeException(nameof(fault), "StatusCode must be 200..599.");
            if (fault.Kind == AriEmulatorFaultKind.Delay && !(fault.DelaySec >= 0 && fault.DelaySec <= 3600))
                throw new ArgumentOutOfRangeException(nameof(fault), "DelaySec must be 0..3600.");
            lock (_faults) _faults.Add(fault);
            if (!fault.IsHttp)
            {
                EventSocket[] open;
                lock (_gate) open = _sockets.ToArray();
                foreach (var socket in open) ApplySocketFaults(socket);
            }
            return fault;
        }

        /// <summary>Removes every fault rule and lets stalled event sockets go on (with what they held back).</summary>
        public void ClearFaults()
        {
            lock (_faults) _faults.Clear();
            EventSocket[] open;
            lock (_gate) open = _sockets.ToArray();
            foreach (var socket in open) socket.Transport?.Resume();
        }

        /// <summary>Stalls or drops a socket when an event socket fault matches one of its apps.</summary>
        internal void ApplySocketFaults(EventSocket socket)
        {
            AriEmulatorFault? hit;
            lock (_faults)
            {
                hit = _faults.FirstOrDefault(f => !f.IsHttp && f.IsActive && socket.Apps.Any(a => Glob(f.App, a)));
                if (hit is null || (hit.Kind == AriEmulatorFaultKind.StallEvents && socket.Transport is null) || !hit.TryHit()) return;
            }
            if (hit.Kind == AriEmulatorFaultKind.StallEvents)
                socket.Transport!.Stall();
            else
                socket.Abort();
        }

        /// <summary>The HTTP fault that takes this request, counted as a hit; null for most requests.</summary>
        internal AriEmulatorFault? TakeFault(EmulatorHttpExchange exchange)
        {
            lock (_faults)
            {
                if (_faults.Count == 0) return null;
                var raw = exchange.RawUrl;
                var q = raw.IndexOf('?');
                var path = q < 0 ? raw : raw.Substring(0, q);
                path = path.StartsWith("/ari/", StringComparison.Ordinal) ? path.Substring(5) : path.TrimStart('/');
                var hit = _faults.FirstOrDefault(f => f.IsHttp && f.IsActive && Glob(f.Method, exchange.HttpMethod) && Matches(f, path, exchange.IsWebSocketRequest));
                return hit != null && hit.TryHit() ? hit : null;
            }
        }

        /// <summary>A WebSocket handshake is hit only by a status or delay rule whose path is exactly "events", so
        /// that a rule for all paths leaves event streams (and their reconnects) alone.</summary>
        private static bool Matches(AriEmulatorFault fault, string path, bool handshake) =>
            handshake
                ? fault.Kind != AriEmulatorFaultKind.CloseMidBody && string.Equals(TrimAri(fault.Path), "events", StringComparison.OrdinalIgnoreCase)
                : Glob(TrimAri(fault.Path), path);

        /// <summary>Answers a request the way <paramref name="fault"/> says; false when the connection must close.</summary>
        internal async Task<bool> AnswerWithFaultAsync(AriEmulatorFault fault, EmulatorHttpExchange exchange)
        {
            switch (fault.Kind)
            {
                case AriEmulatorFaultKind.Status:
                    await exchange.WriteAsync(FaultResponse(fault)).ConfigureAwait(false);
                    return !exchange.WantsClose && !exchange.IsWebSocketRequest; // a refused handshake ends the connection
                case AriEmulatorFaultKind.Delay:
                    await Task.Delay(TimeSpan.FromSeconds(fault.DelaySec), _cts.Token).ConfigureAwait(false);
                    var answer = await DispatchAsync(exchange).ConfigureAwait(false);
                    if (answer is null) return false; // it became a WebSocket, which has ended
                    await exchange.WriteAsync(answer).ConfigureAwait(false);
                    return !exchange.WantsClose && !exchange.IsWebSocketRequest;
                default:
                    // The server did the work; its answer is lost half way. An empty answer gets a body to cut.
                    var response = (await DispatchAsync(exchange).ConfigureAwait(false))!;
                    if (response.Body.Length < 2)
                        response = EmulatorResponse.Raw(200, Encoding.UTF8.GetBytes("{\"note\":\"a body cut in half\"}"));
                    await exchange.WriteAsync(response, response.Body.Length / 2).ConfigureAwait(false);
                    return false;
            }
        }

        private static EmulatorResponse FaultResponse(AriEmulatorFault fault) => fault.Body switch
        {
            AriEmulatorFaultBody.None => new EmulatorResponse { Status = fault.StatusCode },
            AriEmulatorFaultBody.Html => EmulatorResponse.Html(fault.StatusCode, EmulatorHttpExchange.ReasonPhrase(fault.StatusCode), fault.Message),
            _ => EmulatorResponse.Error(fault.StatusCode, fault.Message),
        };

        private static string TrimAri(string pattern) =>
            pattern.StartsWith("/ari/", StringComparison.Ordinal) ? pattern.Substring(5) : pattern.TrimStart('/');

        /// <summary>Wildcard match (* any run, ? one character), case-insensitive like PowerShell's -like.</summary>
        internal static bool Glob(string pattern, string text) =>
            Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    /// <summary>The stream under a server WebSocket, able to stall: while stalled, bytes read are held back (so
    /// pings get no pong) and writes wait (so events stay queued), as on a hung server or a dead link.</summary>
    internal sealed class EmulatorStallableStream : EmulatorPassThroughStream
    {
        private readonly object _lock = new object();
        private TaskCompletionSource<bool>? _stalled; // completes when the stall ends
        private bool _disposed;

        public EmulatorStallableStream(Stream inner) : base(inner) { }

        public bool IsStalled
        {
            get { lock (_lock) return _stalled != null; }
        }

        public void Stall()
        {
            lock (_lock)
                if (!_disposed && _stalled is null) _stalled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Resume()
        {
            TaskCompletionSource<bool>? stalled;
            lock (_lock)
            {
                stalled = _stalled;
                _stalled = null;
            }
            stalled?.TrySetResult(true);
        }

        private async Task WhileStalledAsync(CancellationToken cancel)
        {
            while (true)
            {
                Task wait;
                lock (_lock)
                {
                    if (_stalled is null) return;
                    wait = _stalled.Task;
                }
                await Task.WhenAny(wait, Task.Delay(Timeout.Infinite, cancel)).ConfigureAwait(false);
                cancel.ThrowIfCancellationRequested();
            }
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await WhileStalledAsync(cancellationToken).ConfigureAwait(false);
            var read = await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            // A read that was pending when the stall began holds its bytes back too.
            await WhileStalledAsync(cancellationToken).ConfigureAwait(false);
            return read;
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await WhileStalledAsync(cancellationToken).ConfigureAwait(false);
            await Inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                lock (_lock) _disposed = true;
                Resume(); // an aborted socket must not hang in a stall
            }
            base.Dispose(disposing);
        }
    }
}
