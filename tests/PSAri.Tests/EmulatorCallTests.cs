using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>The simulated calls and playbacks: queues, failures, phone-side hangup, app lifecycle.</summary>
    public class EmulatorCallTests
    {
        private static string State(JsonElement e) => e.GetProperty("playback").GetProperty("state").GetString()!;

        private static async Task<JsonElement> Play(EmulatorSession s, string channelId, string query, HttpStatusCode expected = HttpStatusCode.Created)
        {
            var r = await s.Http.PostAsync($"ari/channels/{channelId}/play{query}", null);
            Assert.Equal(expected, r.StatusCode);
            return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        [Fact]
        public async Task PlaysQueueBehindEachOther()
        {
            await using var s = new EmulatorSession(timeScale: 10);
            using var events = await s.ConnectAsync("app=hello-world");
            var ch = s.Emulator.PlaceCall("1000");
            await events.NextEventAsync("StasisStart");
            var first = await Play(s, ch.Id, "?media=sound:hello-world");
            var second = await Play(s, ch.Id, "?media=sound:beep");
            Assert.Equal("queued", second.GetProperty("state").GetString());
            var id2 = second.GetProperty("id").GetString();
            Assert.Equal("queued", JsonDocument.Parse(await s.Http.GetStringAsync("ari/playbacks/" + id2)).RootElement.GetProperty("state").GetString());
            Assert.Equal(first.GetProperty("id").GetString(), (await events.NextEventAsync("PlaybackStarted")).GetProperty("playback").GetProperty("id").GetString());
            Assert.Equal("done", State(await events.NextEventAsync("PlaybackFinished")));
            Assert.Equal(id2, (await events.NextEventAsync("PlaybackStarted")).GetProperty("playback").GetProperty("id").GetString());
            Assert.Equal("done", State(await events.NextEventAsync("PlaybackFinished")));
            Assert.Equal(HttpStatusCode.NotFound, (await s.Http.GetAsync("ari/playbacks/" + id2)).StatusCode);
        }

        [Fact]
        public async Task UnknownSoundFailsAndUnsupportedSchemeNeverFinishes()
        {
            await using var s = new EmulatorSession(timeScale: 10);
            using var events = await s.ConnectAsync("app=hello-world");
            var ch = s.Emulator.PlaceCall("1000");
            await events.NextEventAsync("StasisStart");

            await Play(s, ch.Id, "?media=sound:nosuchsoundfile");
            Assert.Equal("playing", State(await events.NextEventAsync("PlaybackStarted")));
            Assert.Equal("failed", State(await events.NextEventAsync("PlaybackFinished")));

            var bogus = await Play(s, ch.Id, "?media=bogus:foo");
            await events.NextEventAsync("PlaybackStarted");
            Assert.Null(await events.NextAsync(300));
            Assert.Equal(HttpStatusCode.NotFound, (await s.Http.GetAsync("ari/playbacks/" + bogus.GetProperty("id").GetString())).StatusCode);

            // The channel is free again: the next play starts at once.
            await Play(s, ch.Id, "?media=sound:beep");
            await events.NextEventAsync("PlaybackStarted");
            Assert.Equal("done", State(await events.NextEventAsync("PlaybackFinished")));
        }

        [Fact]
        public async Task MediaListsPlaybackIdsAndErrors()
        {
            await using var s = new EmulatorSession(timeScale: 10);
            using var events = await s.ConnectAsync("app=hello-world");
            var ch = s.Emulator.PlaceCall("1000");
            await events.NextEventAsync("StasisStart");

            var missing = await s.Http.PostAsync($"ari/channels/{ch.Id}/play", null);
            Assert.Equal(HttpStatusCode.InternalServerError, missing.StatusCode);
            Assert.Equal("{\"message\":\"Failed to queue media for playback\"}", await missing.Content.ReadAsStringAsync());

            // A JSON body list, an id with a slash (Location percent-encodes it).
            var body = new StringContent("{\"media\":[\"sound:beep\",\"sound:beep\"]}", Encoding.UTF8, "application/json");
            body.Headers.ContentType!.CharSet = null;
            var r = await s.Http.PostAsync($"ari/channels/{ch.Id}/play/my%2Fplay", body);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            Assert.Equal("/ari/playbacks/my%2Fplay", r.Headers.Location!.OriginalString);
            var created = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("my/play", created.GetProperty("id").GetString());
            Assert.Equal("sound:beep", created.GetProperty("next_media_uri").GetString());
            Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync("ari/playbacks/my%2Fplay")).StatusCode);

            Assert.True((await events.NextEventAsync("PlaybackStarted")).GetProperty("playback").TryGetProperty("next_media_uri", out _));
            Assert.Equal("continuing", State(await events.NextEventAsync("PlaybackContinuing")));
            Assert.False((await events.NextEventAsync("PlaybackStarted")).GetProperty("playback").TryGetProperty("next_media_uri", out _));
            Assert.Equal("done", State(await events.NextEventAsync("PlaybackFinished")));

            // DELETE of a playing playback: PlaybackFinished done.
            await Play(s, ch.Id, "?media=sound:tt-monkeys&playbackId=long");
            await events.NextEventAsync("PlaybackStarted");
            Assert.Equal(HttpStatusCode.NoContent, (await s.Http.DeleteAsync("ari/playbacks/long")).StatusCode);
            Assert.Equal("done", State(await events.NextEventAsync("PlaybackFinished")));
        }

        [Fact]
        public async Task HangupFromThePhoneSide()
        {
            await using var s = new EmulatorSession();
            using var events = await s.ConnectAsync("app=hello-world");
            var ch = s.Emulator.PlaceCall("1000", callerNumber: "555");
            Assert.Equal("555", (await events.NextEventAsync("StasisStart")).GetProperty("channel").GetProperty("caller").GetProperty("number").GetString());
            await Play(s, ch.Id, "?media=sound:hello-world");
            await events.NextEventAsync("PlaybackStarted");

            Assert.True(s.Emulator.HangupCall(ch.Id));
            var hangup = await events.NextEventAsync("ChannelHangupRequest");
            Assert.Equal(16, hangup.GetProperty("cause").GetInt32());
            Assert.False(hangup.TryGetProperty("soft", out _));
            Assert.Equal("failed", State(await events.NextEventAsync("PlaybackFinished")));
            await events.NextEventAsync("StasisEnd");
            Assert.Null(await events.NextAsync(300));
            Assert.Equal("[]", await s.Http.GetStringAsync("ari/channels"));
            Assert.False(s.Emulator.HangupCall(ch.Id));
        }

        [Fact]
        public async Task ChannelsListBothHalvesAndDeleteValidatesReason()
        {
            await using var s = new EmulatorSession();
            using var events = await s.ConnectAsync("app=hello-world");
            var ch = s.Emulator.PlaceCall("1000");
            var list = JsonDocument.Parse(await s.Http.GetStringAsync("ari/channels")).RootElement;
            Assert.Equal(2, list.GetArrayLength());
            Assert.EndsWith(";1", list[0].GetProperty("name").GetString());
            Assert.Equal(ch.Id, list[1].GetProperty("id").GetString());

            var app = JsonDocument.Parse(await s.Http.GetStringAsync("ari/applications/hello-world")).RootElement;
            Assert.Equal(ch.Id, app.GetProperty("channel_ids")[0].GetString());

            Assert.Equal("{\"message\":\"Invalid reason for hangup reason provided\"}",
                await (await s.Http.DeleteAsync($"ari/channels/{ch.Id}?reason=bogus")).Content.ReadAsStringAsync());
            Assert.Equal("{\"message\":\"The reason and reason_code can't both be specified\"}",
                await (await s.Http.DeleteAsync($"ari/channels/{ch.Id}?reason=busy&reason_code=17")).Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NoContent, (await s.Http.DeleteAsync($"ari/channels/{ch.Id}?reason=busy")).StatusCode);
            await events.NextEventAsync("StasisStart");
            var hangup = await events.NextEventAsync("ChannelHangupRequest");
            Assert.Equal(32, hangup.GetProperty("cause").GetInt32()); // every ARI DELETE says 32, soft
            await events.NextEventAsync("StasisEnd");
        }

        [Fact]
        public async Task StasisArgsFromAppExtensions()
        {
            await using var s = new EmulatorSession();
            using var events = await s.ConnectAsync("app=capargs");
            s.Emulator.PlaceCall("app-capargs");
            var start = await events.NextEventAsync("StasisStart");
            Assert.Equal("[\"first\",\"second\"]", start.GetProperty("args").GetRawText());
            var dialplan = start.GetProperty("channel").GetProperty("dialplan");
            Assert.Equal("capargs,first,second", dialplan.GetProperty("app_data").GetString());
            Assert.Equal(2, dialplan.GetProperty("priority").GetInt32());

            s.Emulator.AddExtension("2000", "capargs", new[] { "x y", "" });
            s.Emulator.PlaceCall("2000");
            Assert.Equal("[\"x y\",\"\"]", (await events.NextEventAsync("StasisStart")).GetProperty("args").GetRawText());
        }

        [Fact]
        public async Task CallIntoAnAppWithoutSocketFails()
        {
            await using var s = new EmulatorSession();
            Assert.Throws<InvalidOperationException>(() => s.Emulator.PlaceCall("1000"));
            Assert.Equal("[]", await s.Http.GetStringAsync("ari/channels"));
            Assert.Throws<ArgumentException>(() => s.Emulator.PlaceCall("nosuchextension"));
        }

        [Fact]
        public async Task SecondSocketReplacesTheFirst()
        {
            await using var s = new EmulatorSession();
            using var first = await s.ConnectAsync("app=hello-world");
            using var second = await s.ConnectAsync("app=hello-world");
            var replaced = await first.NextAsync();
            Assert.Matches("^\\{\"type\":\"ApplicationReplaced\",\"timestamp\":\"[^\"]+\\+0000\",\"application\":\"hello-world\",\"asterisk_id\":\"02:fc:00:00:00:01\"\\}$", replaced);
            s.Emulator.PlaceCall("1000");
            await second.NextEventAsync("StasisStart");
            Assert.Null(await first.NextAsync(300));
            Assert.Equal(System.Net.WebSockets.WebSocketState.Open, first.Socket.State);
        }

        [Fact]
        public async Task ChannelsKeepTheAppAliveWithoutSocket()
        {
            await using var s = new EmulatorSession();
            var events = await s.ConnectAsync("app=hello-world");
            var ch = s.Emulator.PlaceCall("1000");
            await events.CloseAsync();
            events.Dispose();
            await Task.Delay(100);
            // REST still works and the app stays listed while it has the channel; events in the gap are lost.
            Assert.Equal(HttpStatusCode.Created, (await s.Http.PostAsync($"ari/channels/{ch.Id}/play?media=sound:beep", null)).StatusCode);
            Assert.Contains("hello-world", await s.Http.GetStringAsync("ari/applications"));
            Assert.Equal(HttpStatusCode.NoContent, (await s.Http.DeleteAsync($"ari/channels/{ch.Id}")).StatusCode);
            Assert.Equal("[]", await s.Http.GetStringAsync("ari/applications"));
        }
    }
}
