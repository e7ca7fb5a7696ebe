using System;
using System.Text;
using System.Threading.Tasks;
using PSAri.Emulator;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>Injected faults on the wire, byte for byte, through the emulator's C# API.</summary>
    public class EmulatorFaultTests
    {
        private const string Request = "GET /ari/asterisk/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic YXN0ZXJpc2s6YXN0ZXJpc2s=\r\n";

        [Fact]
        public async Task StatusFaultWithoutBodyHasNoContentTypeAndTheNextRequestIsAnsweredNormally()
        {
            using var emulator = new AriEmulator();
            var fault = emulator.AddFault(new AriEmulatorFault { StatusCode = 503, Body = AriEmulatorFaultBody.None, Path = "asterisk/*" });
            var response = await EmulatorHttpTests.ExchangeAsync(emulator.Port, Request + "\r\n" + Request + "Connection: close\r\n\r\n");
            var parts = response.Split("HTTP/1.1 ");
            Assert.Equal(3, parts.Length);
            Assert.StartsWith("503 Service Unavailable\r\n", parts[1]);
            Assert.DoesNotContain("Content-type", parts[1]);
            Assert.EndsWith("Content-Length: 0\r\n\r\n", parts[1]);
            Assert.StartsWith("200 OK\r\n", parts[2]);
            Assert.Contains("\"ping\":\"pong\"", parts[2]);
            Assert.Equal(1, fault.Hits);
            Assert.False(fault.IsActive);
        }

        [Fact]
        public async Task CloseMidBodySendsLessThanContentLengthThenCloses()
        {
            using var emulator = new AriEmulator();
            emulator.AddFault(new AriEmulatorFault { Kind = AriEmulatorFaultKind.CloseMidBody, Method = "get" });
            // A second request on the same connection is never answered: the server closed it.
            var response = await EmulatorHttpTests.ExchangeAsync(emulator.Port, Request + "\r\n" + Request + "\r\n");
            var head = response.Substring(0, response.IndexOf("\r\n\r\n", StringComparison.Ordinal));
            var body = response.Substring(head.Length + 4);
            var promised = int.Parse(head.Substring(head.IndexOf("Content-Length: ", StringComparison.Ordinal) + 16));
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", head);
            Assert.Equal(promised / 2, Encoding.UTF8.GetByteCount(body));
            Assert.StartsWith("{\"ping\":\"pong\"", body);
        }

        [Fact]
        public void RulesAreValidatedAndWildcardsIgnoreCase()
        {
            using var emulator = new AriEmulator();
            Assert.Throws<ArgumentOutOfRangeException>(() => emulator.AddFault(new AriEmulatorFault { StatusCode = 99 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => emulator.AddFault(new AriEmulatorFault { Count = -1 }));
            Assert.Empty(emulator.Faults);
            Assert.True(AriEmulator.Glob("channels/*", "Channels/a.b/play"));
            Assert.True(AriEmulator.Glob("bridges/?*", "bridges/x"));
            Assert.False(AriEmulator.Glob("bridges/?*", "bridges/"));
            Assert.False(AriEmulator.Glob("channels", "channels/x"));
            Assert.True(AriEmulator.Glob("a.b", "a.b"));
            Assert.False(AriEmulator.Glob("a.b", "axb"));
        }
    }
}
