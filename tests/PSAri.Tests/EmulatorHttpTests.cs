using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using PSAri.Emulator;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>The emulator's own HTTP/1.1 server, byte for byte.</summary>
    public class EmulatorHttpTests
    {
        private static readonly string Auth = TestSecret.AuthorizationLine;

        /// <summary>Sends the raw request(s) and reads until the server closes the connection.</summary>
        internal static async Task<string> ExchangeAsync(int port, string request)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            using var reader = new System.IO.StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }

        [Fact]
        public async Task PostWithoutContentLengthIsServedLikeAsterisk()
        {
            // What `curl -X POST 'http://.../play?media=sound:hello-world'` sends: no Content-Length at all.
            using var emulator = new AriEmulator(TestSecret.Options());
            var response = await ExchangeAsync(emulator.Port,
                "POST /ari/channels/nosuch/play?media=sound:hello-world HTTP/1.1\r\nHost: localhost:8088\r\n" + Auth + "Connection: close\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 404 Not Found\r\n", response);
            Assert.EndsWith("\r\n\r\n{\"message\":\"Channel not found\"}", response);
        }

        [Fact]
        public async Task KeepAliveServesSeveralRequestsInOrderWithAsteriskHeaders()
        {
            using var emulator = new AriEmulator(TestSecret.Options());
            var response = await ExchangeAsync(emulator.Port,
                "GET /ari/asterisk/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n" + Auth + "\r\n"
                + "POST /ari/channels/x/answer HTTP/1.1\r\nHost: 127.0.0.1\r\n" + Auth + "Content-Length: 2\r\nContent-Type: application/json\r\n\r\n{}"
                + "GET /ari/channels HTTP/1.1\r\nHost: 127.0.0.1\r\n" + Auth + "Connection: close\r\n\r\n");
            var parts = response.Split("HTTP/1.1 ");
            Assert.Equal(4, parts.Length);
            Assert.StartsWith("200 OK\r\nServer: Asterisk/22.10.1\r\nDate: ", parts[1]);
            Assert.Contains("\r\nCache-Control: no-cache, no-store\r\nContent-type: application/json\r\nContent-Length: ", parts[1]);
            Assert.StartsWith("404 Not Found\r\n", parts[2]);
            Assert.StartsWith("200 OK\r\n", parts[3]);
            Assert.Contains("\r\nConnection: close\r\n", parts[3]);
            Assert.EndsWith("\r\n\r\n[]", parts[3]);
        }

        [Fact]
        public async Task ChunkedBodyIsRead()
        {
            using var emulator = new AriEmulator(TestSecret.Options());
            var response = await ExchangeAsync(emulator.Port,
                "POST /ari/channels/nosuch/play HTTP/1.1\r\nHost: 127.0.0.1\r\n" + Auth + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + "10\r\n{\"media\":\"sound:\r\n6\r\nbeep\"}\r\n0\r\n\r\n"
                + "GET /ari/asterisk/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n" + Auth + "Connection: close\r\n\r\n");
            var parts = response.Split("HTTP/1.1 ");
            Assert.Equal(3, parts.Length); // the chunked body was consumed exactly: the next request follows
            Assert.StartsWith("404 Not Found\r\n", parts[1]);
            Assert.EndsWith("{\"message\":\"Channel not found\"}", parts[1]);
            Assert.StartsWith("200 OK\r\n", parts[2]);
        }

        [Fact]
        public async Task AnyHostNameIsServed()
        {
            using var emulator = new AriEmulator(TestSecret.Options());
            var response = await ExchangeAsync(emulator.Port, "GET /ari/channels HTTP/1.1\r\nHost: pbx.example:8088\r\n" + Auth + "Connection: close\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", response);
        }
    }
}
