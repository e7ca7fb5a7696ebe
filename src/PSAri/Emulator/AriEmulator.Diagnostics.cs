using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PSAri.Emulator
{
    /// <summary>What tests look at besides the API: the raw request lines as they arrived, and frames sent
    /// verbatim on the event sockets.</summary>
    public sealed partial class AriEmulator
    {
        /// <summary>How many request lines <see cref="RequestLog"/> keeps.</summary>
        public const int RequestLogCapacity = 1000;

        private static readonly Regex ApiKeyValue = new Regex(@"(?i)(\bapi_key=)[^&#\s]*", RegexOptions.CultureInvariant);
        private readonly Queue<string> _requestLog = new Queue<string>();
        // One lock for every emulator of the process: several may append to one file.
        private static readonly object RequestLogFileGate = new object();
        private string? _requestLogPath;
        private long _requestCount;

        /// <summary>HTTP requests received (REST calls and WebSocket handshakes, answered or refused), since the start.</summary>
        public long RequestCount => System.Threading.Interlocked.Read(ref _requestCount);

        /// <summary>The request line of each of the last <see cref="RequestLogCapacity"/> requests, oldest first,
        /// exactly as received ("GET /ari/channels/a%2Fb HTTP/1.1"), so tests can check what reached the server.
        /// Headers are never kept; the value of an api_key query parameter is replaced by REDACTED.</summary>
        public IReadOnlyList<string> RequestLog
        {
            get { lock (_requestLog) return _requestLog.ToArray(); }
        }

        /// <summary>Empties <see cref="RequestLog"/>.</summary>
        public void ClearRequestLog()
        {
            lock (_requestLog) _requestLog.Clear();
        }

        /// <summary>Checks that <paramref name="path"/> can be appended to (a bad path fails the start, not a request later).</summary>
        private void OpenRequestLogFile(string? path)
        {
            if (string.IsNullOrEmpty(path)) return;
            lock (RequestLogFileGate) System.IO.File.AppendAllText(path, "");
            _requestLogPath = path;
        }

        internal void LogRequest(string requestLine)
        {
            System.Threading.Interlocked.Increment(ref _requestCount);
            var line = requestLine.IndexOf("api_key", StringComparison.OrdinalIgnoreCase) >= 0 ? ApiKeyValue.Replace(requestLine, "$1REDACTED") : requestLine;
            lock (_requestLog)
            {
                _requestLog.Enqueue(line);
                while (_requestLog.Count > RequestLogCapacity) _requestLog.Dequeue();
            }
            if (_requestLogPath != null)
            {
                try
                {
                    lock (RequestLogFileGate) System.IO.File.AppendAllText(_requestLogPath, line + "\n");
                }
                catch (System.IO.IOException)
                {
                    // The record on disk is an extra: a full disk must not fail the request (RequestLog still has it).
                }
            }
        }

        /// <summary>Sends one text frame, byte for byte (it need not be JSON or UTF-8), on every event socket
        /// registered for <paramref name="app"/>; returns how many sockets it went to.</summary>
        internal int SendRawFrame(string app, byte[] frame)
        {
            lock (_gate)
            {
                var targets = _sockets.Where(s => s.Apps.Contains(app, StringComparer.Ordinal)).ToList();
                foreach (var s in targets) s.Enqueue(frame);
                return targets.Count;
            }
        }

        /// <summary>How many event sockets are registered for <paramref name="app"/>.</summary>
        internal int EventSocketCount(string app)
        {
            lock (_gate) return _sockets.Count(s => s.Apps.Contains(app, StringComparer.Ordinal));
        }
    }
}
