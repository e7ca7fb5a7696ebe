using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Client;
using PSAri.Emulator;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>REST over the event WebSocket: the emulator against transcript 13, and the client transport.</summary>
    public class RestOverWebSocketTests
    {
        /// <summary>Replays every frame the capture sent on its socket; the emulator's RESTResponse frames must have
        /// Asterisk's keys in Asterisk's order and its values (timestamps and the build's machine details aside),
        /// and the user event caused by one request must arrive on the same socket.</summary>
        [TranscriptFact]
        public async Task EmulatorAnswersLikeTranscript13()
        {
            var lines = Transcript.Load("13-rest-over-websocket");
            var sent = lines.Where(l => l.GetProperty("k").GetString() == "ws.send").Select(l => l.GetProperty("data").GetString()!).ToList();
            var expected = lines.Where(l => l.GetProperty("k").GetString() == "ws.msg").Select(l => l.GetProperty("data").GetString()!).ToList();
            Assert.Equal(13, sent.Count);

            await using var session = new EmulatorSession();
            using var reader = await session.ConnectAsync("app=capwsrest");
            foreach (var frame in sent)
                await reader.Socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, EmulatorSession.Timeout());
            var got = new List<string>();
            while (got.Count < expected.Count)
            {
                var frame = await reader.NextAsync();
                Assert.True(frame != null, $"only {got.Count} of {expected.Count} frames arrived");
                got.Add(frame!);
            }

            // Events and answers interleave (the capture got its user event before r8's answer): compare each kind in order.
            static List<string> OfType(List<string> frames, bool answers) =>
                frames.Where(f => (JsonDocument.Parse(f).RootElement.GetProperty("type").GetString() == "RESTResponse") == answers).ToList();
            foreach (var answers in new[] { true, false })
            {
                var want = OfType(expected, answers);
                var have = OfType(got, answers);
                Assert.Equal(want.Count, have.Count);
                for (var i = 0; i < want.Count; i++)
                    AssertSameAnswer(JsonDocument.Parse(want[i]).RootElement, JsonDocument.Parse(have[i]).RootElement);
            }
            Assert.Equal(WebSocketState.Open, reader.Socket.State);
            Assert.Equal(13, session.Emulator.WebSocketRequestCount);
            Assert.DoesNotContain(session.Emulator.RequestLog, l => !l.StartsWith("GET /ari/events", StringComparison.Ordinal));
        }

        private static void AssertSameAnswer(JsonElement want, JsonElement have)
        {
            var keys = want.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(keys, have.EnumerateObject().Select(p => p.Name).ToList());
            foreach (var key in keys)
            {
                if (key == "message_body")
                {
                    var body = JsonDocument.Parse(want.GetProperty(key).GetString()!).RootElement;
                    var actual = JsonDocument.Parse(have.GetProperty(key).GetString()!).RootElement;
                    // asterisk/info?only=build describes the capturing machine: same keys, own values.
                    if (body.TryGetProperty("build", out var build))
                        Assert.Equal(build.EnumerateObject().Select(p => p.Name), actual.GetProperty("build").EnumerateObject().Select(p => p.Name));
                    else
                        Transcript.AssertSameShape(body, actual);
                }
                else
                {
                    Transcript.AssertSameShape(want.GetProperty(key), have.GetProperty(key), "$." + key);
                }
            }
        }

        [Fact]
        public async Task EmulatorRoutesParametersBodiesAndRefusals()
        {
            await using var session = new EmulatorSession();
            using var reader = await session.ConnectAsync("app=w");
            async Task<JsonElement> Ask(string frame)
            {
                await reader.Socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, EmulatorSession.Timeout());
                while (true)
                {
                    var text = await reader.NextAsync();
                    Assert.True(text != null, "no answer");
                    var e = JsonDocument.Parse(text!).RootElement.Clone();
                    if (e.GetProperty("type").GetString() == "RESTResponse") return e;
                }
            }
            // The first of uri query and query_strings wins; a JSON body overrides both.
            var set = await Ask("{\"type\":\"RESTRequest\",\"request_id\":\"a\",\"method\":\"POST\",\"uri\":\"asterisk/variable?variable=V&value=1\",\"query_strings\":[{\"name\":\"value\",\"value\":\"2\"}]}");
            Assert.Equal(204, set.GetProperty("status_code").GetInt32());
            var get = await Ask("{\"type\":\"RESTRequest\",\"request_id\":\"b\",\"method\":\"GET\",\"uri\":\"asterisk/variable\",\"query_strings\":[{\"name\":\"variable\",\"value\":\"V\"}]}");
            Assert.Equal("{\"value\":\"1\"}", get.GetProperty("message_body").GetString());
            await Ask("{\"type\":\"RESTRequest\",\"request_id\":\"c\",\"method\":\"POST\",\"uri\":\"asterisk/variable?variable=V&value=1\",\"content_type\":\"application/json\",\"message_body\":\"{\\\"value\\\":\\\"3\\\"}\"}");
            get = await Ask("{\"type\":\"RESTRequest\",\"request_id\":\"d\",\"method\":\"GET\",\"uri\":\"asterisk/variable?variable=V\"}");
            Assert.Equal("{\"value\":\"3\"}", get.GetProperty("message_body").GetString());
            var wrongMethod = await Ask("{\"type\":\"RESTRequest\",\"request_id\":\"e\",\"method\":\"PUT\",\"uri\":\"asterisk/ping\"}");
            Assert.Equal(405, wrongMethod.GetProperty("status_code").GetInt32());
            Assert.Equal("e", wrongMethod.GetProperty("request_id").GetString());
        }

        [Fact]
        public async Task ReadOnlyUserCannotWriteOverTheSocket()
        {
            await using var session = new EmulatorSession();
            session.Emulator.AddUser("viewer", "secret-1", readOnly: true);
            using var reader = await session.ConnectAsync("app=ro", "viewer", "secret-1");
            await reader.Socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"RESTRequest\",\"request_id\":\"w\",\"method\":\"POST\",\"uri\":\"asterisk/variable?variable=V&value=1\"}"),
                WebSocketMessageType.Text, true, EmulatorSession.Timeout());
            var answer = await reader.NextEventAsync("RESTResponse");
            Assert.Equal(403, answer.GetProperty("status_code").GetInt32());
        }

        private static async Task<AriConnection> ConnectOverWebSocketAsync(AriEmulator emulator, string app)
        {
            var connection = new AriConnection(emulator.BaseUri, new AriCredential("asterisk", "asterisk"), TimeSpan.FromSeconds(10));
            connection.Rest.Transport = await AriWebSocketTransport.OpenAsync(connection, new[] { app }, false, CancellationToken.None);
            await connection.OpenAsync(CancellationToken.None);
            return connection;
        }

        /// <summary>Many threads share the socket; every answer reaches the request with its id, and nothing goes over HTTP.</summary>
        [Fact]
        public async Task ConcurrentRequestsGetTheirOwnAnswers()
        {
            using var emulator = new AriEmulator();
            using var connection = await ConnectOverWebSocketAsync(emulator, "many");
            Assert.Equal("WebSocket", connection.Transport);
            var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
            {
                var name = "V" + i;
                await connection.Rest.SendAsync(new AriRequest("POST", "asterisk", "variable").With("variable", name).With("value", i), CancellationToken.None);
                var answer = await connection.Rest.SendAsync(new AriRequest("GET", "asterisk", "variable").With("variable", name), CancellationToken.None);
                return (i, answer.BodyText);
            })).ToArray();
            foreach (var (i, body) in await Task.WhenAll(tasks))
                Assert.Equal("{\"value\":\"" + i + "\"}", body);
            Assert.Equal(401, emulator.WebSocketRequestCount);
            Assert.Equal(new[] { "GET /ari/events?app=many HTTP/1.1" }, emulator.RequestLog);

            var missing = await Assert.ThrowsAsync<AriException>(() => connection.Rest.SendAsync(new AriRequest("GET", "channels", "nope"), CancellationToken.None));
            Assert.Equal(404, missing.StatusCode);
            Assert.Equal("Channel not found", missing.Message);
            Assert.Contains("GET channels/nope via WebSocket ws://127.0.0.1:", missing.Request);
        }

        /// <summary>Events nobody reads must not hold back REST answers on the same socket: past the queue's bound
        /// the oldest are dropped and counted (a blocking queue would stop reading the socket, answers included).</summary>
        [Fact]
        public async Task UnreadEventsNeverBlockAnswers()
        {
            using var emulator = new AriEmulator();
            using var connection = await ConnectOverWebSocketAsync(emulator, "flooded");
            var flood = emulator.Flood("flooded", AriEventStream.QueueCapacity + 2000);
            Assert.True(flood.Wait(TimeSpan.FromSeconds(30)), flood.ToString());
            var answer = await connection.Rest.SendAsync(new AriRequest("GET", "asterisk", "ping"), CancellationToken.None, TimeSpan.FromSeconds(10));
            Assert.Equal(200, answer.StatusCode);
            Assert.True(connection.EventsDropped >= 2000, $"dropped {connection.EventsDropped}");
            Assert.True(connection.EventsQueued <= AriEventStream.QueueCapacity, $"queued {connection.EventsQueued}");
        }

        /// <summary>A server that answers Connect-Ari's asterisk/info, then takes requests without answering them
        /// (for the timeout) or drops the socket (requests in flight fail at once, with why).</summary>
        [Fact]
        public async Task TimeoutsAndDropsFailPendingRequestsClearly()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var seen = new SemaphoreSlim(0);
            System.Net.Sockets.TcpClient? tcp = null;
            var serve = Task.Run(async () =>
            {
                tcp = await listener.AcceptTcpClientAsync();
                var server = await AcceptWebSocketAsync(tcp.GetStream());
                var buffer = new byte[65536];
                while (true)
                {
                    var r = await server.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None);
                    if (r.MessageType == WebSocketMessageType.Close) return;
                    var request = JsonDocument.Parse(new ReadOnlyMemory<byte>(buffer, 0, r.Count)).RootElement;
                    if (request.GetProperty("uri").GetString() == "asterisk/info")
                    {
                        var answer = "{\"type\":\"RESTResponse\",\"transaction_id\":\"\",\"request_id\":\"" + request.GetProperty("request_id").GetString()
                            + "\",\"status_code\":200,\"reason_phrase\":\"OK\",\"uri\":\"asterisk/info\",\"content_type\":\"application/json\",\"message_body\":"
                            + JsonSerializer.Serialize("{\"system\":{\"version\":\"22.10.1\",\"entity_id\":\"x\"}}") + ",\"application\":\"a\",\"timestamp\":\"2026-11-27T16:28:11.929+0000\"}";
                        await server.SendAsync(Encoding.UTF8.GetBytes(answer), WebSocketMessageType.Text, true, CancellationToken.None);
                    }
                    seen.Release();
                }
            });
            var connection = new AriConnection(new Uri($"http://127.0.0.1:{port}/"), new AriCredential("u", "p"), TimeSpan.FromSeconds(10));
            using (connection)
            {
                var transport = new AriWebSocketTransport(
                    await AriEventStream.OpenAsync(connection, new[] { "a" }, false, CancellationToken.None, new AriReconnectPolicy { Enabled = false }), false, "test");
                connection.Rest.Transport = transport;
                await connection.OpenAsync(CancellationToken.None);
                Assert.Equal("22.10.1", connection.AsteriskVersion);

                var late = await Assert.ThrowsAsync<AriException>(() => connection.Rest.SendAsync(new AriRequest("GET", "channels"), CancellationToken.None, TimeSpan.FromMilliseconds(200)));
                Assert.True(late.IsTimeout);
                Assert.Contains("did not answer GET channels via WebSocket", late.Message);

                using var stop = new CancellationTokenSource();
                var stopped = connection.Rest.SendAsync(new AriRequest("GET", "bridges"), stop.Token);
                Assert.True(await seen.WaitAsync(TimeSpan.FromSeconds(10)));
                Assert.True(await seen.WaitAsync(TimeSpan.FromSeconds(10)));
                stop.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);

                var inFlight = connection.Rest.SendAsync(new AriRequest("GET", "endpoints"), CancellationToken.None);
                Assert.True(await seen.WaitAsync(TimeSpan.FromSeconds(10)));
                tcp!.Close(); // the TCP connection drops without a close frame
                var dropped = await Assert.ThrowsAsync<AriException>(() => inFlight);
                Assert.False(dropped.IsTimeout);
                Assert.Contains("The WebSocket ended before ARI answered GET endpoints", dropped.Message);
                Assert.Equal(0, transport.PendingCount);

                var after = await Assert.ThrowsAsync<AriException>(() => connection.Rest.SendAsync(new AriRequest("GET", "sounds"), CancellationToken.None));
                Assert.Contains("Cannot send GET sounds", after.Message);
            }
            listener.Stop();
            await Task.WhenAny(serve, Task.Delay(2000));
        }

        /// <summary>The server half of a WebSocket handshake on a raw stream (one request, no checks).</summary>
        internal static async Task<WebSocket> AcceptWebSocketAsync(System.IO.Stream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, 0, 1) == 1)
                head.Append((char)one[0]);
            var key = head.ToString().Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase)).Substring(18).Trim();
            var accept = Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            var answer = Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n");
            await stream.WriteAsync(answer, 0, answer.Length);
            return WebSocket.CreateFromStream(stream, true, null, TimeSpan.Zero);
        }
    }
}
