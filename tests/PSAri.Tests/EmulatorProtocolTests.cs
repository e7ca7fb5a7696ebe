using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PSAri.Emulator;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>Authentication, error bodies, raw headers, binding, and the WebSocket handshake rules of
    /// the transcripts' README ("HTTP facts", "Error body shapes", "WebSocket lifecycle").</summary>
    public class EmulatorProtocolTests
    {
        private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> Send(HttpClient http, HttpMethod method, string path)
        {
            var response = await http.SendAsync(new HttpRequestMessage(method, path));
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
        }

        [Theory]
        [InlineData(null, null)]
        [InlineData("asterisk", "wrong")]
        [InlineData("nobody", "the right password")] // named, not given: test names end up in reports
        public async Task BadCredentialsGet401WithBasicChallenge(string? user, string? password)
        {
            await using var s = new EmulatorSession();
            using var http = new HttpClient { BaseAddress = s.Emulator.BaseUri };
            if (user != null)
                http.DefaultRequestHeaders.Authorization = EmulatorSession.BasicAuth(user, password == "the right password" ? TestSecret.Password : password!);
            foreach (var path in new[] { "ari/asterisk/info", "ari/nosuchresource" })
            {
                var (status, body, response) = await Send(http, HttpMethod.Get, path);
                Assert.Equal(HttpStatusCode.Unauthorized, status);
                Assert.Equal("{\"message\":\"Authentication required\"}", body);
                Assert.Equal("Basic realm=\"Asterisk REST Interface\"", response.Headers.NonValidated["WWW-Authenticate"].ToString());
            }
        }

        [Fact]
        public async Task ApiKeyQueryAuthenticates()
        {
            await using var s = new EmulatorSession();
            using var http = new HttpClient { BaseAddress = s.Emulator.BaseUri };
            Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, "ari/asterisk/ping?api_key=" + TestSecret.UserColonPassword)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, "ari/asterisk/ping?api_key=" + Uri.EscapeDataString(TestSecret.UserColonPassword))).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, HttpMethod.Get, "ari/asterisk/ping?api_key=asterisk:wrong")).Status);
            // Valid Basic wins over a wrong api_key.
            Assert.Equal(HttpStatusCode.OK, (await Send(s.Http, HttpMethod.Get, "ari/asterisk/ping?api_key=asterisk:wrong")).Status);
        }

        [Fact]
        public async Task CustomCredentialsAndReadOnlyUsers()
        {
            using var e = new AriEmulator(new AriEmulatorOptions { UserName = "me", Password = TestSecret.Password });
            e.AddUser("viewer", "viewer", readOnly: true);
            using var http = new HttpClient { BaseAddress = e.BaseUri };
            http.DefaultRequestHeaders.Authorization = EmulatorSession.BasicAuth("me", TestSecret.Password);
            Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, "ari/channels")).Status);
            http.DefaultRequestHeaders.Authorization = EmulatorSession.BasicAuth(TestSecret.User, TestSecret.Password);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, HttpMethod.Get, "ari/channels")).Status);
            http.DefaultRequestHeaders.Authorization = EmulatorSession.BasicAuth("viewer", "viewer");
            Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, "ari/channels")).Status);
            var denied = await Send(http, HttpMethod.Delete, "ari/channels/nosuchchannel");
            Assert.Equal((HttpStatusCode.Forbidden, "{\"message\":\"Write access denied\"}"), (denied.Status, denied.Body));
            Assert.Equal("me", e.UserName);
            Assert.DoesNotContain(TestSecret.Password, e.ToString());
        }

        [Theory]
        [InlineData("GET", "ari/channels/nosuchchannel", 404, "{\"message\":\"Channel not found\"}")]
        [InlineData("DELETE", "ari/channels/nosuchchannel", 404, "{\"message\":\"Channel not found\"}")]
        [InlineData("POST", "ari/channels/nosuchchannel/play?media=sound:hello-world", 404, "{\"message\":\"Channel not found\"}")]
        [InlineData("GET", "ari/channels/a%2Fb%3Bc%20d", 404, "{\"message\":\"Channel not found\"}")]
        [InlineData("POST", "ari/channels/nosuchchannel/answer", 404, "{\"message\":\"Channel not found\"}")]
        [InlineData("GET", "ari/bridges/nosuchbridge", 404, "{\"message\":\"Bridge not found\"}")]
        [InlineData("GET", "ari/recordings/stored/nosuchrecording", 404, "{\"message\":\"Recording not found\"}")]
        [InlineData("GET", "ari/playbacks/nosuchplayback", 404, "{\"message\":\"Playback not found\"}")]
        [InlineData("DELETE", "ari/playbacks/nosuchplayback", 404, "{\"message\":\"Playback not found\"}")]
        [InlineData("GET", "ari/applications/nosuchapp", 404, "{\"message\":\"Application not found\"}")]
        [InlineData("GET", "ari/nosuchresource", 404, "{\"message\":\"Resource not found\"}")]
        [InlineData("GET", "ari/channels/nosuchchannel/nosuchsubresource", 404, "{\"message\":\"Resource not found\"}")]
        [InlineData("GET", "ari/eventz?app=x", 404, "{\"message\":\"Resource not found\"}")]
        // Transcripts 02 and 08: a default build has no /mailboxes (res_ari_mailboxes needs res_mwi_external).
        [InlineData("GET", "ari/mailboxes", 404, "{\"message\":\"Resource not found\"}")]
        [InlineData("GET", "ari/mailboxes/nosuchmailbox", 404, "{\"message\":\"Resource not found\"}")]
        [InlineData("PUT", "ari/mailboxes/capbox@default?oldMessages=1&newMessages=2", 404, "{\"message\":\"Resource not found\"}")]
        [InlineData("DELETE", "ari/mailboxes/capbox@default", 404, "{\"message\":\"Resource not found\"}")]
        [InlineData("GET", "ari/channels/", 404, "{\"message\":\"ARI URLs do not end with a slash. Try /ari/channels\"}")]
        [InlineData("PATCH", "ari/channels", 405, "{\"message\":\"Invalid method\"}")]
        [InlineData("PUT", "ari/asterisk/info", 405, "{\"message\":\"Invalid method\"}")]
        [InlineData("GET", "ari", 405, "{\"message\":\"Invalid method\"}")]
        [InlineData("GET", "ari/", 405, "{\"message\":\"Invalid method\"}")]
        public async Task ErrorBodiesAreAsterisks(string method, string path, int status, string body)
        {
            await using var s = new EmulatorSession();
            var r = await Send(s.Http, new HttpMethod(method), path);
            Assert.Equal((status, body), ((int)r.Status, r.Body));
            Assert.Equal("application/json", r.Response.Content.Headers.ContentType!.MediaType);
            Assert.Null(r.Response.Content.Headers.ContentType.CharSet);
        }

        [Fact]
        public async Task MethodNotAllowedListsAllowedMethods()
        {
            await using var s = new EmulatorSession();
            var r = await Send(s.Http, HttpMethod.Put, "ari/asterisk/info");
            Assert.Equal("OPTIONS,GET", r.Response.Content.Headers.Allow.Count > 0
                ? string.Join(",", r.Response.Content.Headers.Allow) : r.Response.Headers.NonValidated["Allow"].ToString());
            var options = await Send(s.Http, HttpMethod.Options, "ari/channels/x");
            Assert.Equal(HttpStatusCode.NoContent, options.Status);
        }

        [Fact]
        public async Task An_app_is_registered_when_its_socket_has_opened()
        {
            // A client that asks for its app the moment its socket opened must find it (transcript 02 does so 1 ms
            // after the 101). The emulator registered the apps just after sending the 101 and lost this race about
            // once in 300 sockets; now it registers them first, and 1,000 in a row must all find it.
            await using var s = new EmulatorSession();
            var missed = new System.Collections.Generic.List<string>();
            for (var i = 0; i < 1000; i++)
            {
                using var reader = await s.ConnectAsync("app=race" + i);
                var r = await Send(s.Http, HttpMethod.Get, "ari/applications/race" + i);
                if (r.Status != HttpStatusCode.OK) missed.Add($"race{i}: {(int)r.Status} {r.Body}");
            }
            Assert.Empty(missed);
        }

        [Fact]
        public async Task OutsideAriIsHtml404()
        {
            await using var s = new EmulatorSession();
            var r = await Send(s.Http, HttpMethod.Get, "nosuchprefix/channels");
            Assert.Equal(HttpStatusCode.NotFound, r.Status);
            Assert.Equal("text/html", r.Response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("<title>404 Not Found</title>", r.Body);
        }

        /// <summary>The exact bytes: "Content-type" with a lower-case t, Server, Cache-Control, Content-Length.</summary>
        [Fact]
        public async Task RawHeadersAreAsterisks()
        {
            await using var s = new EmulatorSession();
            var head = await RawAsync(s.Emulator.Port, "GET /ari/asterisk/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n" + TestSecret.AuthorizationLine + "Connection: close\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", head);
            Assert.Contains("\r\nServer: Asterisk/22.10.1\r\n", head);
            Assert.Contains("\r\nCache-Control: no-cache, no-store\r\n", head);
            Assert.Contains("\r\nContent-type: application/json\r\n", head);
            Assert.Contains("\r\nContent-Length: 92\r\n", head);
            Assert.Matches("\\{\"ping\":\"pong\",\"timestamp\":\"[0-9T:.-]{23}\\+0000\",\"asterisk_id\":\"02:fc:00:00:00:01\"\\}$", head);

            var noContent = await RawAsync(s.Emulator.Port, "POST /ari/channels/x/play HTTP/1.1\r\nHost: 127.0.0.1\r\n" + TestSecret.AuthorizationLine + "Content-Length: 0\r\nConnection: close\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 404 Not Found\r\n", noContent);
        }

        private static async Task<string> RawAsync(int port, string request)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var stream = tcp.GetStream();
            var bytes = Encoding.ASCII.GetBytes(request);
            await stream.WriteAsync(bytes);
            using var reader = new System.IO.StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }

        [Fact]
        public async Task PortZeroPicksDistinctFreePortsOnLoopbackOnly()
        {
            using var a = new AriEmulator(TestSecret.Options());
            using var b = new AriEmulator(TestSecret.Options());
            Assert.NotEqual(0, a.Port);
            Assert.NotEqual(a.Port, b.Port);
            Assert.Equal($"http://127.0.0.1:{a.Port}/", a.BaseUri.ToString());

            // Host: localhost works too (HttpListener matches prefixes by the Host header).
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = EmulatorSession.BasicAuth(TestSecret.User, TestSecret.Password);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://localhost:{a.Port}/ari/asterisk/ping")).StatusCode);

            // Another address of this machine must not reach it.
            var other = NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address)
                .FirstOrDefault(ip => ip.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(ip));
            if (other is null)
                return; // no other IPv4 address here
            using var tcp = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(other, a.Port));
        }

        [Fact]
        public async Task FixedPortIsUsed()
        {
            int port;
            using (var probe = new AriEmulator(TestSecret.Options())) port = probe.Port;
            using var e = new AriEmulator(new AriEmulatorOptions { Port = port, Password = TestSecret.Password });
            Assert.Equal(port, e.Port);
            await Task.CompletedTask;
        }

        [Fact]
        public async Task WebSocketHandshakeErrors()
        {
            await using var s = new EmulatorSession();
            async Task<(HttpStatusCode, string)> Handshake(string query, string credentials)
            {
                using var ws = new ClientWebSocket();
                ws.Options.CollectHttpResponseDetails = true;
                ws.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
                try { await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{s.Emulator.Port}/ari/events{query}"), EmulatorSession.Timeout()); }
                catch (WebSocketException) { }
                return (ws.HttpStatusCode, ws.SubProtocol ?? "");
            }
            Assert.Equal(HttpStatusCode.BadRequest, (await Handshake("", TestSecret.UserColonPassword)).Item1);
            Assert.Equal(HttpStatusCode.BadRequest, (await Handshake("?app=", TestSecret.UserColonPassword)).Item1);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Handshake("?app=x", "asterisk:wrong")).Item1);
            Assert.Equal(HttpStatusCode.SwitchingProtocols, (await Handshake("?app=x", TestSecret.UserColonPassword)).Item1);

            // The 400 page, as plain HTTP with the upgrade headers.
            var head = await RawAsync(s.Emulator.Port, "GET /ari/events HTTP/1.1\r\nHost: 127.0.0.1\r\n" + TestSecret.AuthorizationLine
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", head);
            Assert.Contains("\r\nContent-type: text/html\r\n", head);
            Assert.Contains("HTTP request is missing param: [app]", head);
        }

        [Fact]
        public async Task SubprotocolAriIsNegotiatedAndAppsAreListed()
        {
            await using var s = new EmulatorSession();
            using var ws = new ClientWebSocket();
            ws.Options.AddSubProtocol("ari");
            ws.Options.SetRequestHeader("Authorization", EmulatorSession.BasicAuth(TestSecret.User, TestSecret.Password).ToString());
            await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{s.Emulator.Port}/ari/events?app=capa,capb"), EmulatorSession.Timeout());
            Assert.Equal("ari", ws.SubProtocol);
            var list = await s.Http.GetStringAsync("ari/applications");
            Assert.Equal("[{\"name\":\"capa\",\"channel_ids\":[],\"bridge_ids\":[],\"endpoint_ids\":[],\"device_names\":[],\"events_allowed\":[],\"events_disallowed\":[]},"
                + "{\"name\":\"capb\",\"channel_ids\":[],\"bridge_ids\":[],\"endpoint_ids\":[],\"device_names\":[],\"events_allowed\":[],\"events_disallowed\":[]}]", list);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Http.GetAsync("ari/applications/capa%2Ccapb")).StatusCode);
            await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "", EmulatorSession.Timeout());
            // The last socket gone and no channels: the apps disappear.
            for (var i = 0; i < 50 && await s.Http.GetStringAsync("ari/applications") != "[]"; i++)
                await Task.Delay(20);
            Assert.Equal("[]", await s.Http.GetStringAsync("ari/applications"));
        }

        [Fact]
        public async Task AsteriskInfoAndPingShapesMatchTranscript08()
        {
            if (!Transcript.Available) return;
            var lines = Transcript.Load("08-asterisk-system");
            string Body(string path) => lines.Where(l => l.GetProperty("k").GetString() == "http.req" && l.GetProperty("path").GetString() == path)
                .Select(req => lines.First(l => l.GetProperty("k").GetString() == "http.res" && l.GetProperty("id").GetInt32() == req.GetProperty("id").GetInt32()))
                .First().GetProperty("body").GetString()!;
            await using var s = new EmulatorSession();
            foreach (var path in new[] { "/ari/asterisk/info", "/ari/asterisk/info?only=build", "/ari/asterisk/info?only=system,status", "/ari/asterisk/ping" })
            {
                var actual = await s.Http.GetStringAsync(path.Substring(1));
                var expected = JsonDocument.Parse(Body(path)).RootElement;
                var got = JsonDocument.Parse(actual).RootElement;
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name), got.EnumerateObject().Select(p => p.Name));
                if (expected.TryGetProperty("system", out var sys))
                    Transcript.AssertSameShape(sys, got.GetProperty("system"));
            }
            Assert.Equal("{}", await s.Http.GetStringAsync("ari/asterisk/info?only=bogus"));
        }
    }
}
