using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>Transcript 01, event for event: StasisStart, play (201 + Location), PlaybackStarted,
    /// PlaybackFinished after 1420 ms, DELETE (204), ChannelHangupRequest, StasisEnd, and nothing more.</summary>
    [Collection(TimingCollection.Name)]
    public class EmulatorHelloWorldTests
    {
        [Fact]
        public async Task HelloWorldFlowMatchesTranscript01()
        {
            if (!Transcript.Available) return; // the shared transcripts are not beside the repository
            var lines = Transcript.Load("01-hello-world");
            var frames = lines.Where(l => l.GetProperty("k").GetString() == "ws.msg").Select(l => l.GetProperty("data").GetString()!).ToList();
            JsonElement Res(int id) => lines.Single(l => l.GetProperty("k").GetString() == "http.res" && l.GetProperty("id").GetInt32() == id);
            Assert.Equal(5, frames.Count);

            await using var s = new EmulatorSession();
            using var events = await s.ConnectAsync("app=hello-world");

            var placed = s.Emulator.PlaceCall("1000");
            var start = await events.NextAsync();
            Transcript.AssertSameShape(frames[0], start!);
            var channelId = JsonDocument.Parse(start!).RootElement.GetProperty("channel").GetProperty("id").GetString()!;
            Assert.Equal(placed.Id, channelId);
            Assert.Matches(@"^\d{9,}\.1$", channelId); // the ;2 half of the first Local pair, like 1795796782.1

            // POST play -> 201, Location /ari/playbacks/{id}, body as real Asterisk's.
            var play = await s.Http.PostAsync($"ari/channels/{channelId}/play?media=sound:hello-world", null);
            Assert.Equal(HttpStatusCode.Created, play.StatusCode);
            var playBody = await play.Content.ReadAsStringAsync();
            Transcript.AssertSameShape(Res(1).GetProperty("body").GetString()!, playBody);
            var playbackId = JsonDocument.Parse(playBody).RootElement.GetProperty("id").GetString()!;
            Assert.Equal("/ari/playbacks/" + playbackId, play.Headers.Location!.OriginalString);
            Assert.Equal("Asterisk/22.10.1", play.Headers.NonValidated["Server"].ToString());
            Assert.Equal("no-cache, no-store", play.Headers.NonValidated["Cache-Control"].ToString());

            var started = await events.NextAsync();
            Transcript.AssertSameShape(frames[1], started!);
            var finished = await events.NextAsync();
            Transcript.AssertSameShape(frames[2], finished!);
            var played = Time(finished!) - Time(started!); // hello-world.gsm is 1420 ms
            Assert.InRange(played.TotalMilliseconds, 1400, 2000);

            var delete = await s.Http.DeleteAsync($"ari/channels/{channelId}");
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            Assert.Equal(0, delete.Content.Headers.ContentLength);
            Assert.Null(delete.Content.Headers.ContentType);
            Transcript.AssertSameShape(frames[3], (await events.NextAsync())!);
            Transcript.AssertSameShape(frames[4], (await events.NextAsync())!);

            // No ChannelDestroyed for a dialplan-entered channel: nothing more arrives.
            Assert.Null(await events.NextAsync(400));
            var gone = await s.Http.GetAsync($"ari/channels/{channelId}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

            // Client close: the server echoes the code with an empty reason.
            await events.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");
            Assert.Equal(WebSocketCloseStatus.NormalClosure, events.Socket.CloseStatus);
            Assert.Equal("", events.Socket.CloseStatusDescription);
        }

        private static DateTimeOffset Time(string frame) =>
            DateTimeOffset.ParseExact(JsonDocument.Parse(frame).RootElement.GetProperty("timestamp").GetString()!,
                "yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);

        [Fact]
        public async Task TimeScaleSpeedsUpPlaybacks()
        {
            await using var s = new EmulatorSession(timeScale: 20);
            using var events = await s.ConnectAsync("app=hello-world");
            var channel = s.Emulator.PlaceCall("1000");
            await events.NextEventAsync("StasisStart");
            var clock = Stopwatch.StartNew();
            (await s.Http.PostAsync($"ari/channels/{channel.Id}/play?media=sound:hello-world", null)).EnsureSuccessStatusCode();
            await events.NextEventAsync("PlaybackStarted");
            var done = await events.NextEventAsync("PlaybackFinished");
            Assert.Equal("done", done.GetProperty("playback").GetProperty("state").GetString());
            Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms at 20x");
        }
    }
}
