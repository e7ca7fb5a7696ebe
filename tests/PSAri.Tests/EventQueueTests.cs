using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Client;
using Xunit;

namespace PSAri.Tests
{
    public class EventQueueTests
    {
        [Fact]
        public void Items_come_out_in_order_across_batches()
        {
            var q = new AriEventQueue<int>(100);
            for (var i = 0; i < 10; i++) q.Add(i, CancellationToken.None);
            Assert.True(q.TryTake(out var first, 0, CancellationToken.None));
            Assert.Equal(0, first);
            for (var i = 10; i < 15; i++) q.Add(i, CancellationToken.None); // queued while the consumer holds a batch
            for (var i = 1; i < 15; i++)
            {
                Assert.True(q.TryTake(out var item, 0, CancellationToken.None));
                Assert.Equal(i, item);
            }
            Assert.Equal(0, q.Count);
            Assert.False(q.TryTake(out _, 0, CancellationToken.None));
        }

        [Fact]
        public async Task A_full_queue_holds_the_producer_until_the_consumer_has_taken_a_tenth()
        {
            var q = new AriEventQueue<int>(20);
            for (var i = 0; i < 20; i++) q.Add(i, CancellationToken.None);
            var producer = Task.Run(() => q.Add(20, CancellationToken.None));
            await Task.Delay(100);
            Assert.False(producer.IsCompleted);
            Assert.True(q.TryTake(out _, 0, CancellationToken.None)); // 19 left: not yet
            await Task.Delay(100);
            Assert.False(producer.IsCompleted);
            Assert.True(q.TryTake(out _, 0, CancellationToken.None)); // 18 left: a tenth taken
            await producer.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(19, q.Count);
        }

        [Fact]
        public async Task A_take_whose_wait_overran_its_timeout_by_one_millisecond_returns_instead_of_waiting_forever()
        {
            // The clock reads 0 when the take starts and 6 after its first wait: 1 ms over a 5 ms timeout. Time left
            // was once 5 - 6 = -1, which Monitor.Wait reads as Timeout.Infinite (a hung test in CI).
            var q = new AriEventQueue<int>(10);
            var reads = 0;
            q.NowMilliseconds = () => Interlocked.Increment(ref reads) == 1 ? 0 : 6;
            var take = Task.Run(() => q.TryTake(out _, 5, CancellationToken.None));
            Assert.False(await take.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        [Fact]
        public async Task A_clock_that_jumps_back_never_makes_a_take_wait_forever()
        {
            // A jump back of 2^32 - 51 ms (a clock that overflowed) once made the time left 2^32 - 1, which an int
            // cast turns into -1: Timeout.Infinite. Now the wait counts from where the clock went back.
            var q = new AriEventQueue<int>(10);
            var jump = -((1L << 32) - 51);
            var reads = 0;
            q.NowMilliseconds = () => Interlocked.Increment(ref reads) switch { 1 => 0, 2 => jump, _ => jump + 60 };
            var take = Task.Run(() => q.TryTake(out _, 50, CancellationToken.None));
            Assert.False(await take.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        [Theory]
        [InlineData("consumer")]
        [InlineData("producer")]
        public async Task Cancelling_while_a_woken_waiter_waits_for_the_lock_never_deadlocks(string side)
        {
            // A waiter woken from its wait takes the queue's lock back and drops its cancellation registration;
            // dropping one waits for that registration's callback if it is running, and the callback (WakeAll) takes
            // the same lock. A waiter that dropped it while holding the lock deadlocked with a Cancel whose callback
            // was waiting for the lock (a listener's Dispose hung a test run). Here the test holds the lock so that
            // both the woken waiter (a consumer of an empty queue, or a producer on a full one) and the callback
            // queue up for it; whichever gets it first, both must finish.
            var gate = typeof(AriEventQueue<int>).GetField("_gate", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
            for (var i = 0; i < 50; i++) // which of the two gets the lock first varies: many rounds
            {
                var q = new AriEventQueue<int>(1);
                if (side == "producer") q.Add(0, CancellationToken.None);
                var lockObject = gate.GetValue(q)!;
                using var cancel = new CancellationTokenSource();
                var waiter = Task.Run(() =>
                {
                    try
                    {
                        if (side == "consumer") q.TryTake(out _, 60_000, cancel.Token);
                        else q.Add(1, cancel.Token);
                    }
                    catch (OperationCanceledException) { }
                });
                if (side == "consumer")
                    while (q.WaitingConsumers == 0) await Task.Delay(1);
                else
                    await Task.Delay(50); // the producer finds the queue full and waits
                Task canceller;
                lock (lockObject)
                {
                    Monitor.PulseAll(lockObject);             // the waiter wakes and waits for the lock
                    canceller = Task.Run(cancel.Cancel);      // WakeAll runs and waits for the lock too
                    Thread.Sleep(30);
                }
                await Task.WhenAll(waiter, canceller).WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        [Fact]
        public async Task A_waiting_consumer_gets_an_item_added_later_and_times_out_otherwise()
        {
            var q = new AriEventQueue<string>(10);
            Assert.False(q.TryTake(out _, 50, CancellationToken.None));
            var consumer = Task.Run(() => q.TryTake(out var item, Timeout.Infinite, CancellationToken.None) ? item : null);
            await Task.Delay(50);
            q.Add("late", CancellationToken.None);
            Assert.Equal("late", await consumer.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        [Fact]
        public async Task CompleteAdding_ends_a_waiting_consumer_after_the_last_item_and_cancel_ends_both_sides()
        {
            var q = new AriEventQueue<int>(2);
            q.Add(1, CancellationToken.None);
            q.CompleteAdding();
            Assert.False(q.IsCompleted);
            Assert.True(q.TryTake(out _, Timeout.Infinite, CancellationToken.None));
            Assert.False(q.TryTake(out _, Timeout.Infinite, CancellationToken.None));
            Assert.True(q.IsCompleted);
            Assert.Throws<InvalidOperationException>(() => q.Add(2, CancellationToken.None));

            var empty = new AriEventQueue<int>(1);
            using var stop = new CancellationTokenSource();
            var consumer = Task.Run(() => empty.TryTake(out _, Timeout.Infinite, stop.Token));
            empty.Add(1, CancellationToken.None);
            await consumer.WaitAsync(TimeSpan.FromSeconds(10));
            empty.Add(2, CancellationToken.None);
            var producer = Task.Run(() => empty.Add(3, stop.Token)); // full: waits
            var waiting = Task.Run(() => new AriEventQueue<int>(1).TryTake(out _, Timeout.Infinite, stop.Token));
            await Task.Delay(50);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => producer.WaitAsync(TimeSpan.FromSeconds(10)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    
        [Fact]
        public async Task Several_consumers_and_TryAdd_lose_and_repeat_nothing()
        {
            var q = new AriEventQueue<int>(64);
            const int n = 20_000;
            var producer = Task.Run(() =>
            {
                for (var i = 0; i < n; i++)
                    if (!q.TryAdd(i)) q.Add(i, CancellationToken.None);
                q.CompleteAdding();
            });
            var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
            var consumers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            {
                while (q.TryTake(out var item, Timeout.Infinite, CancellationToken.None)) seen.Add(item);
            })).ToArray();
            await Task.WhenAll(consumers.Append(producer)).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(Enumerable.Range(0, n), seen.OrderBy(x => x));
            Assert.True(q.IsCompleted);
        }

        private static async Task UntilWaiting(AriEventQueue<int> q, int consumers = 1)
        {
            for (var i = 0; i < 1000 && q.WaitingConsumers < consumers; i++) await Task.Delay(10);
            Assert.Equal(consumers, q.WaitingConsumers);
        }

        [Fact]
        public async Task A_deferred_add_wakes_a_waiting_consumer_on_Announce_or_with_the_WakeBatch_th_item()
        {
            var q = new AriEventQueue<int>(1000);
            var take = Task.Run(() => q.TryTake(out var item, Timeout.Infinite, CancellationToken.None) ? item : -1);
            await UntilWaiting(q);
            q.Add(1, CancellationToken.None, deferWake: true);
            await Task.Delay(200);
            Assert.False(take.IsCompleted); // deferred: the consumer sleeps on
            q.Announce();
            Assert.Equal(1, await take.WaitAsync(TimeSpan.FromSeconds(10)));

            take = Task.Run(() => q.TryTake(out var item, Timeout.Infinite, CancellationToken.None) ? item : -1);
            await UntilWaiting(q);
            for (var i = 0; i < AriEventQueue<int>.WakeBatch - 1; i++) q.Add(100 + i, CancellationToken.None, deferWake: true);
            await Task.Delay(200);
            Assert.False(take.IsCompleted);
            q.Add(999, CancellationToken.None, deferWake: true); // the WakeBatch-th: wakes without Announce
            Assert.Equal(100, await take.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(AriEventQueue<int>.WakeBatch - 1, q.Count);
        }

        [Fact]
        public async Task A_producer_stopped_by_a_full_queue_first_wakes_the_consumer_for_its_deferred_items()
        {
            // Fewer items than WakeBatch fill the queue: without that wake, the waiting consumer and the producer
            // waiting for room would wait for each other for ever.
            var q = new AriEventQueue<int>(10);
            var take = Task.Run(() => q.TryTake(out var item, Timeout.Infinite, CancellationToken.None) ? item : -1);
            await UntilWaiting(q);
            var producer = Task.Run(() =>
            {
                for (var i = 0; i < 30; i++) q.Add(i, CancellationToken.None, deferWake: true);
                q.Announce();
            });
            Assert.Equal(0, await take.WaitAsync(TimeSpan.FromSeconds(10)));
            for (var i = 1; i < 30; i++)
            {
                Assert.True(q.TryTake(out var item, 10_000, CancellationToken.None));
                Assert.Equal(i, item);
            }
            await producer.WaitAsync(TimeSpan.FromSeconds(10));
        }

        [Fact]
        public async Task Deferred_adds_announced_at_random_points_lose_no_wake_up()
        {
            // As the socket reader does: bursts of deferred adds, an Announce when it would wait for the network.
            var q = new AriEventQueue<int>(100);
            const int n = 50_000;
            var random = new Random(5);
            var producer = Task.Run(() =>
            {
                for (var i = 0; i < n; i++)
                {
                    q.Add(i, CancellationToken.None, deferWake: true);
                    if (random.Next(20) == 0)
                    {
                        q.Announce();
                        if (random.Next(10) == 0) Thread.Sleep(1); // the network is quiet for a moment
                    }
                }
                q.Announce();
            });
            var seen = new System.Collections.Generic.List<int>();
            var consumer = Task.Run(() =>
            {
                while (seen.Count < n && q.TryTake(out var item, 30_000, CancellationToken.None)) seen.Add(item);
            });
            await Task.WhenAll(producer, consumer).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(Enumerable.Range(0, n), seen);
        }
    }
}
