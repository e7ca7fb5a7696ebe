using System;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Emulator
{
    /// <summary>One HTTP/1.1 request read off a TCP connection. The emulator speaks HTTP itself instead of
    /// using HttpListener, which refuses a POST without Content-Length (411) where Asterisk accepts it
    /// (`curl -X POST .../play?media=...` from the ARI guide sends none), and which rewrites headers.</summary>
    internal sealed class EmulatorHttpExchange
    {
        private const int MaxHeadBytes = 64 * 1024;
        private const int MaxBodyBytes = 16 * 1024 * 1024;
        private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

        private static readonly MethodInfo? CreateFromStream = typeof(WebSocket).GetMethod(
            "CreateFromStream", new[] { typeof(Stream), typeof(bool), typeof(string), typeof(TimeSpan) });

        private readonly Stream _stream;

        private EmulatorHttpExchange(Stream stream) => _stream = stream;

        public string HttpMethod { get; private set; } = "";
        public string RawUrl { get; private set; } = "/";
        /// <summary>The request line exactly as received ("GET /ari/channels HTTP/1.1").</summary>
        public string RequestLine { get; private set; } = "";
        /// <summary>Request headers; names compare case-insensitively.</summary>
        public NameValueCollection Headers { get; } = new NameValueCollection(StringComparer.OrdinalIgnoreCase);
        public byte[] Body { get; private set; } = Array.Empty<byte>();
        /// <summary>The stream under the WebSocket once accepted; fault injection stalls it (AriEmulator.Faults.cs).</summary>
        public EmulatorStallableStream? WebSocketTransport { get; private set; }
        public string? ContentType => Headers["Content-Type"];
        /// <summary>The client asked to close the connection after this answer.</summary>
        public bool WantsClose => string.Equals(Headers["Connection"], "close", StringComparison.OrdinalIgnoreCase);

        public bool IsWebSocketRequest =>
            (Headers["Upgrade"] ?? "").IndexOf("websocket", StringComparison.OrdinalIgnoreCase) >= 0
            && (Headers["Connection"] ?? "").IndexOf("upgrade", StringComparison.OrdinalIgnoreCase) >= 0
            && !string.IsNullOrEmpty(Headers["Sec-WebSocket-Key"]);

        /// <summary>Reads the next request of a keep-alive connection; null when the client closed it.
        /// A request without Content-Length (or chunked encoding) has an empty body, as in Asterisk.</summary>
        public static async Task<EmulatorHttpExchange?> ReadAsync(Stream stream, EmulatorConnectionBuffer buffer, CancellationToken cancel)
        {
            var headEnd = await buffer.FillUntilAsync(stream, "\r\n\r\n"u8.ToArray(), MaxHeadBytes, cancel).ConfigureAwait(false);
            if (headEnd < 0) return null;
            var head = Encoding.ASCII.GetString(buffer.Take(headEnd + 4)).Split(new[] { "\r\n" }, StringSplitOptions.None);
            var requestLine = head[0].Split(' ');
            if (requestLine.Length != 3) throw new InvalidDataException("Bad request line.");
            var exchange = new EmulatorHttpExchange(stream) { HttpMethod = requestLine[0], RawUrl = requestLine[1], RequestLine = head[0] };
            for (var i = 1; i < head.Length; i++)
            {
                var colon = head[i].IndexOf(':');
                if (colon > 0) exchange.Headers.Add(head[i].Substring(0, colon).Trim(), head[i].Substring(colon + 1).Trim());
            }
            if (string.Equals(exchange.Headers["Transfer-Encoding"], "chunked", StringComparison.OrdinalIgnoreCase))
                exchange.Body = await ReadChunkedAsync(stream, buffer, cancel).ConfigureAwait(false);
            else if (long.TryParse(exchange.Headers["Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0)
            {
                if (length > MaxBodyBytes) throw new InvalidDataException("Body too large.");
                exchange.Body = await buffer.ReadExactlyAsync(stream, (int)length, cancel).ConfigureAwait(false);
            }
            return exchange;
        }

        private static async Task<byte[]> ReadChunkedAsync(Stream stream, EmulatorConnectionBuffer buffer, CancellationToken cancel)
        {
            using var body = new MemoryStream();
            while (true)
            {
                var lineEnd = await buffer.FillUntilAsync(stream, "\r\n"u8.ToArray(), MaxHeadBytes, cancel).ConfigureAwait(false);
                if (lineEnd < 0) throw new EndOfStreamException();
                var sizeText = Encoding.ASCII.GetString(buffer.Take(lineEnd + 2)).Trim().Split(';')[0];
                var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    await buffer.FillUntilAsync(stream, "\r\n"u8.ToArray(), MaxHeadBytes, cancel).ConfigureAwait(false);
                    buffer.Take(2);
                    return body.ToArray();
                }
                if (body.Length + size > MaxBodyBytes) throw new InvalidDataException("Body too large.");
                var chunk = await buffer.ReadExactlyAsync(stream, size + 2, cancel).ConfigureAwait(false);
                body.Write(chunk, 0, size);
            }
        }

        /// <summary>Answers 101 and turns the connection into a server WebSocket (no keep-alive pings: Asterisk sends none).</summary>
        /// <param name="over">Wraps the connection's stream for the WebSocket (the event socket's write batching); null: the stream itself.</param>
        public async Task<WebSocket> AcceptWebSocketAsync(string? subProtocol, Func<Stream, Stream>? over = null)
        {
            if (CreateFromStream is null)
                throw new PlatformNotSupportedException("The ARI emulator's WebSocket needs .NET Core 2.1 or later (PowerShell 7).");
            string accept;
            using (var sha1 = SHA1.Create())
                accept = Convert.ToBase64String(sha1.ComputeHash(Encoding.ASCII.GetBytes(Headers["Sec-WebSocket-Key"]!.Trim() + WebSocketGuid)));
            var head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n"
                + (subProtocol is null ? "" : "Sec-WebSocket-Protocol: " + subProtocol + "\r\n") + "\r\n";
            var bytes = Encoding.ASCII.GetBytes(head);
            await _stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            WebSocketTransport = new EmulatorStallableStream(_stream);
            return (WebSocket)CreateFromStream.Invoke(null, new object?[] { over?.Invoke(WebSocketTransport) ?? WebSocketTransport, true, subProtocol, TimeSpan.Zero })!;
        }

        /// <summary>Writes a response in Asterisk's header order: Server, Date, Cache-Control, the response's own
        /// headers, Content-type (lower-case t, no charset), Content-Length. <paramref name="bodyBytes"/> &gt;= 0
        /// sends only that much of the body (fault injection: a connection cut mid-body).</summary>
        public async Task WriteAsync(EmulatorResponse response, int bodyBytes = -1)
        {
            var sb = new StringBuilder(256);
            sb.Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrase(response.Status)).Append("\r\n");
            sb.Append("Server: ").Append(AriEmulator.ServerHeader).Append("\r\n");
            sb.Append("Date: ").Append(DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
            sb.Append("Cache-Control: no-cache, no-store\r\n");
            foreach (var h in response.Headers) sb.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
            if (response.ContentType != null) sb.Append("Content-type: ").Append(response.ContentType).Append("\r\n");
            sb.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            if (WantsClose) sb.Append("Connection: close\r\n");
            sb.Append("\r\n");
            var head = Encoding.ASCII.GetBytes(sb.ToString());
            var all = new byte[head.Length + response.Body.Length];
            Buffer.BlockCopy(head, 0, all, 0, head.Length);
            Buffer.BlockCopy(response.Body, 0, all, head.Length, response.Body.Length);
            await _stream.WriteAsync(all, 0, bodyBytes < 0 ? all.Length : head.Length + bodyBytes).ConfigureAwait(false);
        }

        internal static string ReasonPhrase(int status) => status switch
        {
            200 => "OK",
            201 => "Created",
            204 => "No Content",
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            409 => "Conflict",
            412 => "Precondition Failed",
            422 => "Unprocessable Entity",
            426 => "Upgrade Required",
            500 => "Internal Server Error",
            501 => "Not Implemented",
            503 => "Service Unavailable",
            _ => "Unknown",
        };
    }

    /// <summary>Bytes read from one connection but not consumed yet (the start of the next request of a
    /// keep-alive connection, or of a body).</summary>
    internal sealed class EmulatorConnectionBuffer
    {
        private byte[] _data = new byte[8192];
        private int _start;
        private int _end;

        /// <summary>Reads until <paramref name="marker"/> is buffered; returns its offset from the unconsumed start,
        /// or -1 when the connection closed before any byte of a new message.</summary>
        public async Task<int> FillUntilAsync(Stream stream, byte[] marker, int limit, CancellationToken cancel)
        {
            var searched = 0;
            while (true)
            {
                var found = IndexOf(marker, searched);
                if (found >= 0) return found;
                searched = Math.Max(0, _end - _start - marker.Length + 1);
                if (_end - _start >= limit) throw new InvalidDataException("Request head too large.");
                if (!await ReadMoreAsync(stream, cancel).ConfigureAwait(false))
                {
                    if (_end == _start) return -1;
                    throw new EndOfStreamException();
                }
            }
        }

        public async Task<byte[]> ReadExactlyAsync(Stream stream, int count, CancellationToken cancel)
        {
            while (_end - _start < count)
                if (!await ReadMoreAsync(stream, cancel).ConfigureAwait(false))
                    throw new EndOfStreamException();
            return Take(count);
        }

        public byte[] Take(int count)
        {
            var result = new byte[count];
            Buffer.BlockCopy(_data, _start, result, 0, count);
            _start += count;
            return result;
        }

        private int IndexOf(byte[] marker, int from)
        {
            for (var i = _start + from; i <= _end - marker.Length; i++)
            {
                var j = 0;
                while (j < marker.Length && _data[i + j] == marker[j]) j++;
                if (j == marker.Length) return i - _start;
            }
            return -1;
        }

        private async Task<bool> ReadMoreAsync(Stream stream, CancellationToken cancel)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_data, _start, _data, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _data.Length) Array.Resize(ref _data, _data.Length * 2);
            var read = await stream.ReadAsync(_data, _end, _data.Length - _end, cancel).ConfigureAwait(false);
            _end += read;
            return read > 0;
        }
    }
}
