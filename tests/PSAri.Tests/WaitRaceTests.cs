using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Client;
using PSAri.Emulator;
using PSAri.Json;
using PSAri.Model;
using Xunit;
using Xunit.Abstractions;

namespace PSAri.Tests
{
    /// <summary>A wait registered on the hub before the request sees an event that arrives before the HTTP answer.</summary>
    public class WaitRaceTests
    {
        private readonly ITestOutputHelper _output;

        public WaitRaceTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task PlaybackFinishedBeforeTheAnswerIsStillSeen()
        {
            // hello-world lasts 14 µs at this scale: PlaybackFinished is written around the time of the 201.
            using var emulator = new AriEmulator(new AriEmulatorOptions { TimeScale = 100000, Password = TestSecret.Password });
            using var connection = new AriConnection(emulator.BaseUri, new AriCredential(TestSecret.User, TestSecret.Password), TimeSpan.FromSeconds(10));
            await connection.OpenAsync(default);
            using var stream = await AriEventStream.OpenAsync(connection, new[] { "race" }, false, default);
            var channelId = "race-" + Guid.NewGuid().ToString("N");
            using (var entered = connection.Events.Register(m => m is StasisStartEvent s && s.ChannelId == channelId))
            {
                await connection.Rest.SendAsync(new AriRequest("POST", "channels", channelId).With("endpoint", "Local/1000@default").With("app", "race"), default);
                Assert.NotNull(entered.Wait(TimeSpan.FromSeconds(10), default));
            }

            var clock = Stopwatch.StartNew();
            // At least 50 plays, and on until the race happened at least once (it does in a few percent of plays).
            int early = 0, plays = 0;
            while (plays < 50 || (early == 0 && plays < 2000))
            {
                plays++;
                var playbackId = Guid.NewGuid().ToString();
                long seenAt = long.MaxValue;
                using var waiter = connection.Events.Register(m =>
                {
                    if (!(m is PlaybackFinishedEvent f && f.Playback.Id == playbackId)) return false;
                    Interlocked.Exchange(ref seenAt, clock.ElapsedTicks);
                    return true;
                });
                var response = await connection.Rest.SendAsync(
                    new AriRequest("POST", "channels", channelId, "play", playbackId).With("media", "sound:hello-world"), default);
                var answeredAt = clock.ElapsedTicks;
                Assert.Equal(201, response.StatusCode);
                var finished = Assert.IsType<PlaybackFinishedEvent>(waiter.Wait(TimeSpan.FromSeconds(10), default));
                Assert.Equal("done", finished.Playback.State);
                if (Interlocked.Read(ref seenAt) < answeredAt) early++;
            }
            _output.WriteLine($"PlaybackFinished was read before the HTTP answer in {early} of {plays} plays.");
            // The point of the test is the race: it must have happened (the 14 µs playback ends while the answer is written).
            Assert.True(early > 0, $"PlaybackFinished never came before the answer in {plays} plays; the race was not exercised.");
        }
    }
}
