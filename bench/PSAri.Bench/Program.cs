using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Client;
using PSAri.Emulator;
using PSAri.Model;

namespace PSAri.Bench
{
    /// <summary>One benchmark repetition per run; bench/Invoke-Bench.ps1 starts it and reads the "RESULT {json}" line.
    ///   core --client psari|bare --events N   the client's socket + parser (or the bare baseline), events/s
    ///   flood --events N                      the emulator's flood into a socket that only counts frames, events/s
    ///   calls --calls N                       N concurrent calls answered with a playback each, held
    ///   serve --flood N | --calls N --warmup W   an emulator for the PowerShell benchmarks; prints "PORT p" first,
    ///                                         ends when stdin closes</summary>
    internal static class Program
    {
        private const string User = "asterisk";
        private const string Password = "asterisk";

        private static async Task<int> Main(string[] args)
        {
            var mode = args.Length > 0 ? args[0] : "";
            string Arg(string name, string fallback)
            {
                var i = Array.IndexOf(args, "--" + name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }
            int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

            switch (mode)
            {
                case "core": Result(await CoreAsync(Arg("client", "psari"), Int("events", 200_000))); return 0;
                case "flood": Result(await FloodAsync(Int("events", 500_000))); return 0;
                case "calls": Result(await CallsAsync(Int("calls", 1000))); return 0;
                case "serve": await ServeAsync(Int("flood", 0), Int("calls", 0), Int("warmup", 0)); return 0;
                default:
                    Console.Error.WriteLine("usage: PSAri.Bench core|flood|calls|serve [options] (see Program.cs)");
                    return 2;
            }
        }

        private static void Result(object result) => Console.WriteLine("RESULT " + JsonSerializer.Serialize(result, BenchJson.Default.DictionaryStringDouble));

        private static AriEmulator NewEmulator() => new AriEmulator(new AriEmulatorOptions { AnswerDelay = TimeSpan.Zero });

        private static async Task WaitForSocket(AriEmulator emulator, string app)
        {
            while (emulator.EventSocketCount(app) == 0) await Task.Delay(1);
        }

        private static async Task<Dictionary<string, double>> CoreAsync(string client, int events)
        {
            using var emulator = NewEmulator();
            Stopwatch? clock = null;
            EmulatorFlood? flood = null;
            void Start()
            {
                WaitForSocket(emulator, "bench").GetAwaiter().GetResult();
                clock = Stopwatch.StartNew();
                flood = emulator.FloodStasisStart("bench", events);
            }
            if (client == "bare")
            {
                var events_ = new UriBuilder(emulator.BaseUri) { Scheme = "ws", Path = "ari/events", Query = "app=bench" }.Uri;
                await BareClient.ReceiveAsync(events_, User, Password, events, Start);
            }
            else
            {
                using var connection = new AriConnection(emulator.BaseUri, new AriCredential(User, Password), TimeSpan.FromSeconds(30));
                await connection.OpenAsync(CancellationToken.None);
                using var stream = await AriEventStream.OpenAsync(connection, new[] { "bench" }, false, CancellationToken.None);
                Start();
                for (var n = 0; n < events;)
                {
                    if (!stream.TryTake(out var item, 30_000, CancellationToken.None)) throw new TimeoutException("No event for 30 s.");
                    if (item.Message is StasisStartEvent) n++;
                }
            }
            var seconds = clock!.Elapsed.TotalSeconds;
            flood!.Wait(TimeSpan.FromSeconds(5));
            return new Dictionary<string, double> { ["eventsPerSecond"] = events / seconds };
        }

        private static async Task<Dictionary<string, double>> FloodAsync(int events)
        {
            using var emulator = NewEmulator();
            EmulatorFlood? flood = null;
            var uri = new UriBuilder(emulator.BaseUri) { Scheme = "ws", Path = "ari/events", Query = "app=bench" }.Uri;
            await BareClient.CountFramesAsync(uri, User, Password, events, () =>
            {
                WaitForSocket(emulator, "bench").GetAwaiter().GetResult();
                flood = emulator.FloodStasisStart("bench", events);
            });
            if (!flood!.Wait(TimeSpan.FromSeconds(30)) || flood.Error != null) throw new InvalidOperationException("The flood did not finish: " + flood.Error?.Message);
            return new Dictionary<string, double> { ["eventsPerSecond"] = events / flood.Elapsed.TotalSeconds };
        }

        /// <summary>N calls placed at once into hello-world; PSAri's client answers each StasisStart with a playback
        /// that runs until stopped (tone:ring). Measures the time until all N play, then checks they still do 2 s later.</summary>
        private static async Task<Dictionary<string, double>> CallsAsync(int calls)
        {
            using var emulator = NewEmulator();
            using var connection = new AriConnection(emulator.BaseUri, new AriCredential(User, Password), TimeSpan.FromSeconds(60));
            await connection.OpenAsync(CancellationToken.None);
            using var stream = await AriEventStream.OpenAsync(connection, new[] { "hello-world" }, false, CancellationToken.None);
            await WaitForSocket(emulator, "hello-world");
            var clock = Stopwatch.StartNew();
            var plays = new List<Task<AriResponse>>();
            var placing = Task.WhenAll(Enumerable.Range(0, calls).Select(_ => emulator.PlaceCallAsync("1000")));
            while (plays.Count < calls)
            {
                if (!stream.TryTake(out var item, 30_000, CancellationToken.None)) throw new TimeoutException("No StasisStart for 30 s.");
                if (item.Message is StasisStartEvent start)
                    plays.Add(connection.Rest.SendAsync(new AriRequest("POST", "channels", start.Channel!.Id, "play").With("media", "tone:ring"), CancellationToken.None));
            }
            await placing;
            await Task.WhenAll(plays);
            var setup = clock.Elapsed.TotalSeconds;
            await Task.Delay(2000);
            return new Dictionary<string, double>
            {
                ["setupSeconds"] = setup,
                ["channels"] = emulator.GetChannels().Count,
                ["playbacks"] = emulator.PlaybackCount,
            };
        }

        private static async Task ServeAsync(int flood, int calls, int warmup)
        {
            using var emulator = NewEmulator();
            Console.WriteLine("PORT " + emulator.Port.ToString(CultureInfo.InvariantCulture));
            var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
            if (flood > 0)
            {
                // Every socket that opens for "bench" gets one flood of StasisStart events.
                object? flooded = null;
                while (!stdinClosed.IsCompleted)
                {
                    var socket = emulator.EventSocketOf("bench");
                    if (socket is null || socket == flooded) { await Task.Delay(1); continue; }
                    flooded = socket;
                    emulator.FloodStasisStart("bench", flood);
                }
            }
            else if (calls > 0)
            {
                // One call at a time into hello-world; each waits for the app's first request about it.
                emulator.RecordReactionTimes = true;
                while (emulator.EventSocketCount("hello-world") == 0) await Task.Delay(1);
                var total = warmup + calls;
                for (var i = 1; i <= total; i++)
                {
                    await emulator.PlaceCallAsync("1000");
                    var deadline = Stopwatch.StartNew();
                    while (emulator.ReactionTimes.Count < i)
                    {
                        if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"Call {i} got no request in 30 s.");
                        await Task.Delay(1); // not a spin: the machine has 2 cores and the client needs them
                    }
                }
                var ms = emulator.ReactionTimes.Skip(warmup).Select(t => t.TotalMilliseconds).OrderBy(x => x).ToArray();
                Result(new Dictionary<string, double>
                {
                    ["p50"] = Percentile(ms, 0.50),
                    ["p99"] = Percentile(ms, 0.99),
                    ["max"] = ms[ms.Length - 1],
                    ["calls"] = ms.Length,
                });
            }
            await stdinClosed;
        }

        private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
    }

    [System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, double>))]
    internal sealed partial class BenchJson : System.Text.Json.Serialization.JsonSerializerContext
    {
    }
}
