using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using PSAri.Emulator;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>What bench/ reads off the emulator: StasisStart floods, connection counts, reaction times.</summary>
    public class EmulatorBenchTests
    {
        /// <summary>The emulator registers a socket a moment after its handshake answer.</summary>
        private static async Task Registered(AriEmulator emulator, string app)
        {
            for (var i = 0; i < 1000 && emulator.EventSocketCount(app) == 0; i++) await Task.Delay(10);
        }

        [Fact]
        public async Task FloodStasisStart_sends_numbered_StasisStart_events_with_full_channels_in_order()
        {
            await using var session = new EmulatorSession();
            using var reader = await session.ConnectAsync("app=bench");
            await Registered(session.Emulator, "bench");
            var flood = session.Emulator.FloodStasisStart("bench", 3000);
            for (var i = 1; i <= 3000; i++)
            {
                var e = await reader.NextEventAsync("StasisStart");
                var channel = e.GetProperty("channel");
                Assert.Equal("flood-" + i, channel.GetProperty("id").GetString());
                Assert.Equal("PJSIP/flood-" + i, channel.GetProperty("name").GetString());
                Assert.Equal("bench", e.GetProperty("application").GetString());
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$", e.GetProperty("timestamp").GetString());
            }
            Assert.True(flood.Wait(TimeSpan.FromSeconds(10)));
            Assert.Null(flood.Error);
        }

        [Fact]
        public async Task Flood_puts_the_sequence_number_into_userevent_seq()
        {
            await using var session = new EmulatorSession();
            using var reader = await session.ConnectAsync("app=bench");
            await Registered(session.Emulator, "bench");
            session.Emulator.Flood("bench", 1500, "tick");
            for (var i = 1; i <= 1500; i++)
            {
                var e = await reader.NextEventAsync("ChannelUserevent");
                Assert.Equal(i.ToString(), e.GetProperty("userevent").GetProperty("seq").GetString());
                Assert.Equal("tick", e.GetProperty("eventname").GetString());
            }
        }

        [Fact]
        public async Task ConnectionCount_counts_accepted_TCP_connections_not_requests()
        {
            await using var session = new EmulatorSession();
            var before = session.Emulator.ConnectionCount;
            for (var i = 0; i < 5; i++)
                (await session.Http.GetAsync("ari/asterisk/info")).EnsureSuccessStatusCode();
            Assert.Equal(before + 1, session.Emulator.ConnectionCount);
            using var other = new HttpClient { BaseAddress = session.Emulator.BaseUri };
            other.DefaultRequestHeaders.Authorization = EmulatorSession.BasicAuth(TestSecret.User, TestSecret.Password);
            (await other.GetAsync("ari/asterisk/info")).EnsureSuccessStatusCode();
            Assert.Equal(before + 2, session.Emulator.ConnectionCount);
        }

        [Fact]
        public async Task ReactionTimes_measure_StasisStart_to_the_first_request_about_the_channel_when_recording()
        {
            await using var session = new EmulatorSession();
            using var reader = await session.ConnectAsync("app=hello-world");
            await Registered(session.Emulator, "hello-world");
            var unrecorded = session.Emulator.PlaceCall("1000");
            await reader.NextEventAsync("StasisStart");
            (await session.Http.GetAsync("ari/channels/" + unrecorded.Id)).EnsureSuccessStatusCode();
            Assert.Empty(session.Emulator.ReactionTimes);

            session.Emulator.RecordReactionTimes = true;
            var call = session.Emulator.PlaceCall("1000");
            await reader.NextEventAsync("StasisStart");
            await Task.Delay(20);
            (await session.Http.PostAsync($"ari/channels/{call.Id}/play?media=sound:beep", null)).EnsureSuccessStatusCode();
            (await session.Http.GetAsync("ari/channels/" + call.Id)).EnsureSuccessStatusCode(); // only the first counts
            var time = Assert.Single(session.Emulator.ReactionTimes);
            Assert.InRange(time, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5));
            Assert.Equal(1, session.Emulator.PlaybackCount);
        }
    }
}
