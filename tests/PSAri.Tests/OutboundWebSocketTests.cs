using System;
using System.Linq;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Client;
using PSAri.Emulator;
using PSAri.Model;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>Asterisk's outbound WebSocket: the listener against the emulator connecting out, and against a
    /// hand-made client over TLS.</summary>
    public class OutboundWebSocketTests
    {
        private static readonly AriCredential Expected = new AriCredential("app-user", "app-secret-1");

        private static object Next(AriOutboundListener listener, Func<object, bool> wanted, int ms = 10000)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var skipped = new System.Collections.Generic.List<string>();
            while (clock.ElapsedMilliseconds < ms)
                if (listener.TryTake(out var item, 100, CancellationToken.None))
                {
                    if (wanted(item)) return item;
                    skipped.Add(item is AriListenerNotice n ? n.Text : item.ToString()!);
                }
            throw new TimeoutException($"the listener wrote nothing wanted within {ms} ms; it wrote: {string.Join(" | ", skipped)}");
        }

        private static AriEmulator EmulatorConnectingTo(AriOutboundListener listener, string password) =>
            new AriEmulator(new AriEmulatorOptions
            {
                TimeScale = 10,
                OutboundUri = new Uri($"ws://127.0.0.1:{listener.LocalEndpoint.Port}/ari-app"),
                OutboundUserName = "app-user",
                OutboundPassword = password,
                OutboundReconnectInterval = TimeSpan.FromMilliseconds(100),
            });

        [Fact]
        public async Task EventsComeWithAConnectionWhoseRestUsesTheSocket()
        {
            using var listener = new AriOutboundListener(IPAddress.Loopback, 0, Expected, null, TimeSpan.FromSeconds(10));
            using var emulator = EmulatorConnectingTo(listener, "app-secret-1");
            var registered = (ApplicationRegisteredEvent)Next(listener, i => i is ApplicationRegisteredEvent);
            Assert.Equal("hello-world", registered.Application);
            var connection = registered.Connection!;
            Assert.Equal("WebSocket", connection.Transport);
            Assert.Equal("app-user", connection.UserName);

            emulator.PlaceCall("1000");
            var start = (StasisStartEvent)Next(listener, i => i is StasisStartEvent);
            Assert.Same(connection, start.Connection);
            var played = await start.Connection!.Rest.SendAsync(new AriRequest("POST", "channels", start.Channel!.Id, "play").With("media", "sound:hello-world"), CancellationToken.None);
            Assert.Equal(201, played.StatusCode);
            Next(listener, i => i is PlaybackFinishedEvent);
            // asterisk/info when Asterisk connected, then the play: all over the socket, none over HTTP.
            Assert.True(emulator.WebSocketRequestCount >= 2);
            Assert.Empty(emulator.RequestLog);
            Assert.Equal("22.10.1", connection.AsteriskVersion);
        }

        [Fact]
        public void WrongCredentialsAreRefusedAndAsteriskKeepsTrying()
        {
            using var listener = new AriOutboundListener(IPAddress.Loopback, 0, Expected, null, TimeSpan.FromSeconds(10));
            using var emulator = EmulatorConnectingTo(listener, "wrong-password");
            var notice = (AriListenerNotice)Next(listener, i => i is AriListenerNotice);
            Assert.True(notice.Warning);
            Assert.Contains("did not present the user name and password of 'app-user'", notice.Text);
            Assert.DoesNotContain("wrong-password", notice.Text);
            Next(listener, i => i is AriListenerNotice);
            // The emulator counts a failure once its handshake has read the 401, a moment after the listener said so.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (emulator.OutboundFailures < 2 && clock.ElapsedMilliseconds < 10000) Thread.Sleep(10);
            Assert.True(emulator.OutboundFailures >= 2, $"{emulator.OutboundFailures} failures");
            Assert.Equal(0, emulator.OutboundConnections);
        }

        [Fact]
        public void PersistentConnectionComesBackAfterADrop()
        {
            using var listener = new AriOutboundListener(IPAddress.Loopback, 0, Expected, null, TimeSpan.FromSeconds(10));
            using var emulator = EmulatorConnectingTo(listener, "app-secret-1");
            var first = (AriEvent)Next(listener, i => i is ApplicationRegisteredEvent);
            emulator.DropEventSockets();
            // Asterisk may be back before the listener noticed the old socket's end: take both in either order.
            AriListenerNotice? ended = null;
            AriEvent? second = null;
            while (ended is null || second is null)
            {
                var item = Next(listener, i => i is ApplicationRegisteredEvent || (i is AriListenerNotice n && n.Text.Contains("ended")));
                if (item is AriListenerNotice notice) ended = notice;
                else second = (AriEvent)item;
            }
            Assert.False(ended.Warning);
            Assert.NotSame(first.Connection, second.Connection);
            Assert.True(emulator.OutboundConnections >= 2);
        }

        /// <summary>wss:// with the listener's certificate: a client that trusts it gets through (and is asked
        /// asterisk/info over the socket); a plain ws:// client is refused.</summary>
        [Fact]
        public async Task TlsPresentsTheCertificate()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            using var listener = new AriOutboundListener(IPAddress.Loopback, 0, Expected, certificate, TimeSpan.FromSeconds(10));

            using var plain = new ClientWebSocket();
            await Assert.ThrowsAnyAsync<Exception>(() => plain.ConnectAsync(new Uri($"ws://127.0.0.1:{listener.LocalEndpoint.Port}/"), EmulatorSession.Timeout()));
            var refused = (AriListenerNotice)Next(listener, i => i is AriListenerNotice);
            Assert.True(refused.Warning, refused.Text);
            Assert.StartsWith("Refused the connection from 127.0.0.1:", refused.Text);
            Assert.Contains("TLS handshake failed", refused.Text);

            using var client = new ClientWebSocket();
            client.Options.AddSubProtocol("ari");
            client.Options.SetRequestHeader("Authorization", Expected.Authorization.ToString());
            client.Options.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
            await client.ConnectAsync(new Uri($"wss://127.0.0.1:{listener.LocalEndpoint.Port}/"), EmulatorSession.Timeout());
            Assert.Equal("ari", client.SubProtocol);

            var buffer = new byte[65536];
            var got = await client.ReceiveAsync(new ArraySegment<byte>(buffer), EmulatorSession.Timeout());
            var asked = JsonDocument.Parse(new ReadOnlyMemory<byte>(buffer, 0, got.Count)).RootElement;
            Assert.Equal("RESTRequest", asked.GetProperty("type").GetString());
            Assert.Equal("asterisk/info", asked.GetProperty("uri").GetString());
            var answer = "{\"type\":\"RESTResponse\",\"transaction_id\":\"\",\"request_id\":\"" + asked.GetProperty("request_id").GetString()
                + "\",\"status_code\":200,\"reason_phrase\":\"OK\",\"uri\":\"asterisk/info\",\"content_type\":\"application/json\",\"message_body\":"
                + JsonSerializer.Serialize("{\"system\":{\"version\":\"22.5.0\",\"entity_id\":\"tls\"}}") + ",\"application\":\"a\",\"timestamp\":\"2026-11-27T16:28:11.929+0000\"}";
            await client.SendAsync(Encoding.UTF8.GetBytes(answer), WebSocketMessageType.Text, true, EmulatorSession.Timeout());
            var connected = (AriListenerNotice)Next(listener, i => i is AriListenerNotice n && !n.Text.StartsWith("Refused"));
            Assert.Contains("Asterisk 22.5.0 (tls) connected from 127.0.0.1:", connected.Text);
            await client.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"ApplicationRegistered\",\"timestamp\":\"2026-11-27T16:28:11.929+0000\",\"application\":\"a\",\"asterisk_id\":\"tls\"}"),
                WebSocketMessageType.Text, true, EmulatorSession.Timeout());
            var registered = (ApplicationRegisteredEvent)Next(listener, i => i is ApplicationRegisteredEvent);
            Assert.Equal("22.5.0", registered.Connection!.AsteriskVersion);
        }
    }
}
