using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Client;
using PSAri.Emulator;
using PSAri.Model;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>The event hub under concurrency: waiters registered and released from many threads while events
    /// are published, and events reaching every waiter in the order they came off the socket.</summary>
    public class EventHubTests
    {
        [Fact]
        public async Task RegisterAndDisposeFromManyThreadsWhilePublishing()
        {
            var hub = new AriEventHub();
            var lasting = Enumerable.Range(0, 16).Select(_ => hub.Register(m => m.Type == "Last")).ToArray();
            using var stop = new CancellationTokenSource();
            var published = 0;
            var publisher = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    hub.Publish(new AriEvent { Type = "Tick" });
                    Interlocked.Increment(ref published);
                }
            });
            var seen = 0;
            var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                for (var i = 0; i < 2000; i++)
                {
                    using var waiter = hub.Register(m => m.Type == "Tick");
                    if (waiter.Wait(TimeSpan.FromSeconds(10), CancellationToken.None) != null)
                        Interlocked.Increment(ref seen);
                }
            })).ToArray();
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
            stop.Cancel();
            await publisher;
            Assert.Equal(16000, seen);
            Assert.Equal(16, hub.Count);
            hub.Publish(new AriEvent { Type = "Last" });
            foreach (var waiter in lasting)
            {
                Assert.Equal("Last", waiter.Wait(TimeSpan.Zero, CancellationToken.None)?.Type);
                waiter.Dispose();
            }
            Assert.Equal(0, hub.Count);
            Assert.True(published > 0);
        }

        [Fact]
        public void FailingFilterFailsItsOwnWaiterOnly()
        {
            var hub = new AriEventHub();
            using var bad = hub.Register(_ => throw new InvalidOperationException("filter broke"));
            using var good = hub.Register(m => m.Type == "X");
            hub.Publish(new AriEvent { Type = "X" });
            Assert.Equal("filter broke", Assert.Throws<InvalidOperationException>(() => bad.Wait(TimeSpan.Zero, CancellationToken.None)).Message);
            Assert.Equal("X", good.Wait(TimeSpan.Zero, CancellationToken.None)?.Type);
        }

        [Fact]
        public async Task WaitersSeeEachChannelsEventsInTheOrderOfTheSocket()
        {
            using var emulator = new AriEmulator(new AriEmulatorOptions { TimeScale = 20, Password = TestSecret.Password });
            emulator.AddExtension("3000", "ordered");
            using var connection = new AriConnection(emulator.BaseUri, new AriCredential(TestSecret.User, TestSecret.Password), TimeSpan.FromSeconds(10));
            await connection.OpenAsync(default);
            using var stream = await AriEventStream.OpenAsync(connection, new[] { "ordered" }, false, default);

            // Waiters that never match record everything the hub gives them, each registered from its own thread.
            var records = new ConcurrentBag<List<AriMessage>>();
            var waiters = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                var list = new List<AriMessage>();
                records.Add(list);
                return connection.Events.Register(m => { list.Add(m); return false; });
            })));
            Assert.Equal(8, connection.EventWaiters);

            const int calls = 20;
            var channels = await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => emulator.PlaceCallAsync("3000")));
            await Task.WhenAll(channels.Select(c => connection.Rest.SendAsync(
                new AriRequest("POST", "channels", c.Id, "play").With("media", "sound:beep,sound:hello-world"), default)));

            // The pipeline's view: what the queue gives, until every channel has ended.
            var queued = new List<AriMessage>();
            var ended = new HashSet<string>();
            var hungUp = false;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (ended.Count < calls)
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {ended.Count} of {calls} channels ended");
                if (!stream.TryTake(out var item, 100, default)) continue;
                Assert.Null(item.Error);
                queued.Add(item.Message!);
                if (item.Message is StasisEndEvent end) ended.Add(end.ChannelId!);
                if (!hungUp && queued.OfType<PlaybackFinishedEvent>().Count() == calls)
                {
                    hungUp = true;
                    await Task.WhenAll(channels.Select(c => connection.Rest.SendAsync(new AriRequest("DELETE", "channels", c.Id), default)));
                }
            }

            foreach (var list in records)
                Assert.Equal(queued, list);
            foreach (var channel in channels)
            {
                var types = queued.Where(m => Concerns(m, channel.Id)).Select(m => m.Type).ToArray();
                Assert.Equal(new[] { "StasisStart", "PlaybackStarted", "PlaybackContinuing", "PlaybackStarted", "PlaybackFinished" }, types.Take(5));
                Assert.Equal("StasisEnd", types.Last());
            }
            foreach (var waiter in waiters) waiter.Dispose();
            Assert.Equal(0, connection.EventWaiters);
        }

        private static bool Concerns(AriMessage m, string channelId) => m switch
        {
            ChannelEvent c => c.ChannelId == channelId,
            PlaybackStartedEvent p => p.Playback.TargetUri == "channel:" + channelId,
            PlaybackContinuingEvent p => p.Playback.TargetUri == "channel:" + channelId,
            PlaybackFinishedEvent p => p.Playback.TargetUri == "channel:" + channelId,
            _ => false,
        };
    }
}
