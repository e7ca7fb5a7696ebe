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
    }
}
