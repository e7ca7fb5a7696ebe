using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Client;
using PSAri.Emulator;
using Xunit;

namespace PSAri.Tests
{
    public class EventStreamCloseTests
    {
        /// <summary>Dispose closes the socket politely; the reader must take the server's close echo as the end,
        /// not as a drop to reconnect from (it used to, and Dispose then waited 500 ms for it).</summary>
        [Fact]
        public async Task Disposing_a_busy_stream_closes_it_without_a_reconnect_attempt()
        {
            using var emulator = new AriEmulator(TestSecret.Options());
            using var connection = new AriConnection(emulator.BaseUri, new AriCredential(TestSecret.User, TestSecret.Password), TimeSpan.FromSeconds(10));
            await connection.OpenAsync(default);
            var stream = await AriEventStream.OpenAsync(connection, new[] { "busy" }, false, default);
            // The emulator registers the socket a moment after the handshake answer.
            var registered = Stopwatch.StartNew();
            while (emulator.EventSocketCount("busy") == 0 && registered.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
            var flood = emulator.FloodStasisStart("busy", 50_000);
            Assert.True(stream.TryTake(out var first, 10_000, default));
            Assert.Equal("StasisStart", first.Message?.Type);

            stream.Dispose();
            Assert.True(flood.Wait(TimeSpan.FromSeconds(10)));
            await Task.Delay(1000); // a reconnect attempt comes 0.25 s (with jitter) after a drop
            Assert.Single(emulator.RequestLog, line => line.StartsWith("GET /ari/events", StringComparison.Ordinal));
            Assert.Equal(0, connection.Reconnects);
            Assert.Equal(0, connection.EventsQueued);
        }
    }
}
