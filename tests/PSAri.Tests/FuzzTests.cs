using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PSAri.Client;
using PSAri.Commands;
using PSAri.Json;
using PSAri.Model;
using Xunit;
using Xunit.Abstractions;

namespace PSAri.Tests
{
    /// <summary>Seeded, repeatable fuzzing of everything that reads bytes from the server: the event parser
    /// (<see cref="AriEventParser.Parse"/>), <see cref="AriResponse.Deserialize{T}"/> with every model a cmdlet
    /// reads (plus the stamping a cmdlet does next) and <see cref="AriRestClient.ErrorMessage"/>. Inputs are
    /// mutations of every ws.msg frame and every JSON http.res body of the Asterisk transcripts.
    /// PSARI_FUZZ_SEED changes the seed, PSARI_FUZZ_CASES the number of mutated inputs. Each case draws from
    /// its own Random(seed, case), so a failure names the case that reproduces it alone.</summary>
    public class FuzzTests
    {
        private const int DefaultSeed = 20261127;
        private const int DefaultCases = 120_000;
        private static readonly AriJsonContext C = AriJsonContext.Default;

        private readonly ITestOutputHelper _out;

        public FuzzTests(ITestOutputHelper output) => _out = output;

        /// <summary>Every model a cmdlet or the client reads from a REST answer, by name.</summary>
        private static readonly (string Name, Func<AriResponse, object> Read)[] Models =
        {
            M(C.Application), M(C.ApplicationArray), M(C.AsteriskInfo), M(C.AsteriskPing), M(C.AsteriskModule), M(C.AsteriskModuleArray),
            M(C.LogChannelArray), M(C.ConfigTupleArray), M(C.Bridge), M(C.BridgeArray), M(C.Channel), M(C.ChannelArray),
            M(C.DeviceState), M(C.DeviceStateArray), M(C.Endpoint), M(C.EndpointArray), M(C.LiveRecording), M(C.Mailbox),
            M(C.MailboxArray), M(C.Playback), M(C.RtpStat), M(C.Sound), M(C.SoundArray), M(C.StoredRecording),
            M(C.StoredRecordingArray), M(C.Variable), M(C.VariableSet),
        };

        private static (string, Func<AriResponse, object>) M<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class =>
            (type.Type.Name, response => response.Deserialize(type));

        private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("PSARI_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;

        private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("PSARI_FUZZ_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCases;

        // ---------------------------------------------------------------- the corpus

        private sealed class Corpus
        {
            public readonly List<byte[]> Frames = new List<byte[]>();
            /// <summary>JSON bodies with the model their operation returns (null: an error body or unmapped).</summary>
            public readonly List<(byte[] Body, string? Model)> Bodies = new List<(byte[], string?)>();
        }

        private static readonly Lazy<Corpus> Seeds = new Lazy<Corpus>(LoadCorpus);

        private static Corpus LoadCorpus()
        {
            var corpus = new Corpus();
            var requests = new Dictionary<string, TranscriptLine>();
            foreach (var line in Transcripts.ReadAll())
            {
                switch (line.Kind)
                {
                    case "ws.msg":
                        var data = Encoding.UTF8.GetBytes(line.Str("data")!);
                        corpus.Frames.Add(data);
                        // REST over the WebSocket: the message_body of a RESTResponse is a REST body too.
                        try
                        {
                            if (AriEventParser.Parse(data) is RestResponseEvent r && !string.IsNullOrEmpty(r.MessageBody) && r.MessageBody!.TrimStart().StartsWith("{", StringComparison.Ordinal) | r.MessageBody.TrimStart().StartsWith("[", StringComparison.Ordinal))
                                corpus.Bodies.Add((Encoding.UTF8.GetBytes(r.MessageBody), null));
                        }
                        catch (JsonException) { }
                        break;
                    case "http.req":
                        requests[line.Json.GetProperty("id").ToString()] = line;
                        break;
                    case "http.res":
                        var body = line.Str("body");
                        if (string.IsNullOrEmpty(body) || !IsJson(line)) break;
                        string? model = null;
                        var status = line.Json.GetProperty("status").GetInt32();
                        if (status >= 200 && status < 300 && requests.TryGetValue(line.Json.GetProperty("id").ToString(), out var req))
                        {
                            var path = req.Str("path")!.Split('?')[0];
                            if (path.StartsWith("/ari/", StringComparison.Ordinal))
                                model = RestBodyTranscriptTests.ModelFor(req.Str("method")!, path.Substring(4))?.Type.Name;
                        }
                        corpus.Bodies.Add((Encoding.UTF8.GetBytes(body!), model));
                        break;
                }
            }
            return corpus;
        }

        private static bool IsJson(TranscriptLine res)
        {
            if (!res.Json.TryGetProperty("headers", out var headers)) return false;
            foreach (var h in headers.EnumerateArray())
                if (string.Equals(h[0].GetString(), "Content-Type", StringComparison.OrdinalIgnoreCase))
                    return h[1].GetString()!.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
            return false;
        }

        // ---------------------------------------------------------------- the tests

        [TranscriptFact]
        public void TheCorpusCoversEveryTranscriptMessageAndEveryModel()
        {
            var corpus = Seeds.Value;
            Assert.True(corpus.Frames.Count >= 500, $"only {corpus.Frames.Count} ws.msg frames");
            Assert.True(corpus.Bodies.Count >= 300, $"only {corpus.Bodies.Count} JSON bodies");
            var mapped = new HashSet<string>(corpus.Bodies.Where(b => b.Model != null).Select(b => b.Model!));
            foreach (var name in new[] { "Channel", "Channel[]", "Bridge", "Playback", "LiveRecording", "StoredRecording", "Variable", "Sound", "AsteriskInfo" })
                Assert.Contains(name, mapped);
        }

        [TranscriptFact]
        public void MutatedFramesAndBodiesNeverThrowAnythingButJsonException()
        {
            var corpus = Seeds.Value;
            var seed = Seed;
            var cases = Cases;
            var failures = new List<string>();
            var stats = new Dictionary<string, int>(StringComparer.Ordinal);
            void Count(string key) => stats[key] = stats.TryGetValue(key, out var n) ? n + 1 : 1;
            using var connection = new AriConnection(new Uri("http://127.0.0.1:1/"), new AriCredential("u", "p"), TimeSpan.FromSeconds(1));
            var clock = Stopwatch.StartNew();

            for (var i = 0; i < cases; i++)
            {
                var random = new Random(unchecked(seed * 1_000_003 + i));
                var asFrame = random.Next(2) == 0;
                var bodyIndex = random.Next(corpus.Bodies.Count);
                var original = asFrame ? corpus.Frames[random.Next(corpus.Frames.Count)] : corpus.Bodies[bodyIndex].Body;
                var input = Mutator.Mutate(random, original, out var ops);
                Count("op " + ops);
                if (asFrame)
                {
                    Count(CheckParse(input, failures, seed, i, ops, connection));
                    if (i % 8 == 0) CheckErrorMessage(input, failures, seed, i, ops);
                }
                else
                {
                    var model = corpus.Bodies[bodyIndex].Model;
                    var own = model is null ? Models[random.Next(Models.Length)] : Models.First(m => m.Name == model);
                    var other = Models[random.Next(Models.Length)];
                    Count(CheckDeserialize(own, input, failures, seed, i, ops, connection));
                    Count(CheckDeserialize(other, input, failures, seed, i, ops, connection));
                    Count("model " + own.Name);
                    Count("model " + other.Name);
                    CheckErrorMessage(input, failures, seed, i, ops);
                    // Sometimes the same bytes as a frame too: bodies make odd events.
                    if (i % 4 == 0) Count(CheckParse(input, failures, seed, i, ops, connection));
                }
                if (failures.Count >= 30) break;
            }
            clock.Stop();
            _out.WriteLine($"seed {seed}: {cases} mutated inputs in {clock.Elapsed.TotalSeconds:0.0} s");
            foreach (var s in stats.OrderBy(s => s.Key, StringComparer.Ordinal)) _out.WriteLine($"  {s.Key}: {s.Value}");
            Assert.True(failures.Count == 0, $"seed {seed} (set PSARI_FUZZ_SEED to repeat): {failures.Count} failure(s):\n" + string.Join("\n", failures));
            // Both outcomes happen: the mutations are neither all harmless nor all fatal.
            Assert.True(stats.GetValueOrDefault("parse ok") > cases / 50, "too few mutated frames parsed");
            Assert.True(stats.GetValueOrDefault("parse JsonException") > cases / 50, "too few mutated frames were rejected");
            Assert.True(stats.GetValueOrDefault("body ok") > cases / 50, "too few mutated bodies were read");
            foreach (var (name, _) in Models)
                Assert.True(stats.GetValueOrDefault("model " + name) >= cases / 200, $"the {name} model was read only {stats.GetValueOrDefault("model " + name)} times");
        }

        /// <summary>The inputs a fuzzer reaches rarely: each as a frame, as a body of every model, and as an error body.</summary>
        [Fact]
        public void ExtremeInputsAreJsonExceptionsOrValues()
        {
            var failures = new List<string>();
            using var connection = new AriConnection(new Uri("http://127.0.0.1:1/"), new AriCredential("u", "p"), TimeSpan.FromSeconds(1));
            var inputs = Mutator.Extremes().ToList();
            Assert.True(inputs.Count >= 20);
            for (var i = 0; i < inputs.Count; i++)
            {
                CheckParse(inputs[i], failures, 0, i, "extreme", connection);
                foreach (var model in Models) CheckDeserialize(model, inputs[i], failures, 0, i, "extreme", connection);
                CheckErrorMessage(inputs[i], failures, 0, i, "extreme");
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        /// <summary>Found by the fuzzer: a second "type" key (null, or another name) produced a message whose Type
        /// was null or not the type it was read as.</summary>
        [Theory]
        [InlineData("{\"type\":\"StasisStart\",\"type\":null}")]
        [InlineData("{\"type\":\"StasisStart\",\"type\":\"StasisEnd\"}")]
        [InlineData("{\"type\":\"NoSuchEvent\",\"x\":1,\"type\":\"Other\"}")]
        public void ASecondTypeKeyIsRejected(string frame)
        {
            var e = Record.Exception(() => AriEventParser.Parse(Encoding.UTF8.GetBytes(frame)));
            Assert.IsType<JsonException>(e);
        }

        /// <summary>Found by the fuzzer (seeds 1, 2, 3 at 300,000 cases): a key holding a lone surrogate escape made the
        /// search for "type" throw InvalidOperationException out of Parse.</summary>
        [Theory]
        [InlineData("{\"cause\":32,\"\\ud800type\":\"ChannelHangupRequest\"}")]
        [InlineData("{\"\\udc00\":1,\"type\":\"StasisStart\"}")]
        [InlineData("{\"type\":\"X\",\"\\ud800\":1}")]
        public void KeysWithLoneSurrogatesAreJsonExceptions(string frame)
        {
            Assert.IsType<JsonException>(Record.Exception(() => AriEventParser.Parse(Encoding.UTF8.GetBytes(frame))));
            var response = new AriResponse("GET x", 200, "OK", Encoding.UTF8.GetBytes(frame), null, TimeSpan.Zero);
            var e = Record.Exception(() => response.Deserialize(C.Channel));
            Assert.True(e is null || e is JsonException, e?.ToString());
            Assert.Equal("500 Internal Server Error", AriRestClient.ErrorMessage(Encoding.UTF8.GetBytes(frame), 500, "Internal Server Error"));
        }

        /// <summary>Unknown types still become a plain AriEvent that keeps its fields.</summary>
        [Fact]
        public void UnknownTypesStayRawEvents()
        {
            var message = AriEventParser.Parse("{\"type\":\"FutureThing\",\"timestamp\":\"2026-11-27T16:26:23.132+0000\",\"x\":[1,{\"y\":null}]}"u8);
            Assert.Equal(typeof(AriEvent), message.GetType());
            Assert.Equal("FutureThing", message.Type);
            Assert.Equal("[1,{\"y\":null}]", message.UnknownProperties!["x"]);
        }

        /// <summary>Found by the fuzzer: timestamps outside DateTimeOffset's range (offset over 14 h, UTC before year 1
        /// or after 9999) threw ArgumentOutOfRangeException out of AriResponse.Deserialize (the event parser wrapped it).</summary>
        [Theory]
        [InlineData("2026-11-27T16:26:23.132+1459")]
        [InlineData("9999-12-31T23:59:59.999-1400")]
        [InlineData("0001-01-01T00:00:00.000+1400")]
        public void OutOfRangeTimestampsAreJsonExceptions(string timestamp)
        {
            var body = Encoding.UTF8.GetBytes("{\"id\":\"1.1\",\"name\":\"n\",\"state\":\"Up\",\"creationtime\":\"" + timestamp + "\"}");
            var response = new AriResponse("GET x", 200, "OK", body, null, TimeSpan.Zero);
            Assert.IsType<JsonException>(Record.Exception(() => response.Deserialize(C.Channel)));
            var frame = Encoding.UTF8.GetBytes("{\"type\":\"StasisStart\",\"timestamp\":\"" + timestamp + "\"}");
            Assert.IsType<JsonException>(Record.Exception(() => AriEventParser.Parse(frame)));
        }

        /// <summary>Invalid UTF-8 inside a JSON string: a JsonException from Deserialize, ErrorMessage falls back to the status.</summary>
        [Fact]
        public void InvalidUtf8InBodiesIsAJsonExceptionAndErrorMessageFallsBack()
        {
            var body = new byte[] { (byte)'{', (byte)'"', (byte)'m', (byte)'e', (byte)'s', (byte)'s', (byte)'a', (byte)'g', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' };
            Assert.Equal("404 Not Found", AriRestClient.ErrorMessage(body, 404, "Not Found"));
            var channel = new byte[] { (byte)'{', (byte)'"', (byte)'i', (byte)'d', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}' };
            var response = new AriResponse("GET x", 200, "OK", channel, null, TimeSpan.Zero);
            Assert.IsType<JsonException>(Record.Exception(() => response.Deserialize(C.Channel)));
        }

        /// <summary>Found by the fuzzer: a null inside a list (`[{...}, null]`) made the cmdlets' stamping throw
        /// NullReferenceException.</summary>
        [Fact]
        public void NullItemsInListsAreStampedSafely()
        {
            using var connection = new AriConnection(new Uri("http://127.0.0.1:1/"), new AriCredential("u", "p"), TimeSpan.FromSeconds(1));
            var response = new AriResponse("GET x", 200, "OK", "[{\"id\":\"1.1\"},null]"u8.ToArray(), null, TimeSpan.Zero);
            var channels = response.Deserialize(C.ChannelArray);
            AriConnectedCmdlet.Stamp(channels, connection);
            Assert.Same(connection, channels[0].Connection);
            Assert.Null(channels[1]);
        }

        // ---------------------------------------------------------------- checks

        private static string CheckParse(byte[] input, List<string> failures, int seed, int i, string ops, AriConnection connection)
        {
            try
            {
                var message = AriEventParser.Parse(input);
                if (message is null) { failures.Add(Describe("Parse returned null", seed, i, ops, input)); return "parse null"; }
                if (message.Type is null) { failures.Add(Describe("Parse returned a message without Type", seed, i, ops, input)); return "parse no type"; }
                // What the event stream does next with every message.
                message.Attach(connection);
                _ = message.ToString();
                _ = message.Json;
                return "parse ok";
            }
            catch (JsonException)
            {
                return "parse JsonException";
            }
            catch (Exception e)
            {
                failures.Add(Describe($"Parse threw {e.GetType().FullName}: {e.Message}", seed, i, ops, input));
                return "parse other";
            }
        }

        private static string CheckDeserialize((string Name, Func<AriResponse, object> Read) model, byte[] input, List<string> failures, int seed, int i, string ops, AriConnection connection)
        {
            var response = new AriResponse("GET http://127.0.0.1:1/ari/x", 200, "OK", input, null, TimeSpan.Zero);
            try
            {
                var value = model.Read(response);
                // What a cmdlet does next with every answer.
                AriConnectedCmdlet.Stamp(value, connection);
                _ = value.ToString();
                return "body ok";
            }
            catch (JsonException)
            {
                return "body JsonException";
            }
            catch (Exception e)
            {
                failures.Add(Describe($"Deserialize as {model.Name} threw {e.GetType().FullName}: {e.Message}", seed, i, ops, input));
                return "body other";
            }
        }

        private static void CheckErrorMessage(byte[] input, List<string> failures, int seed, int i, string ops)
        {
            try
            {
                var text = AriRestClient.ErrorMessage(input, 500, "Internal Server Error");
                if (string.IsNullOrEmpty(text)) failures.Add(Describe("ErrorMessage returned nothing", seed, i, ops, input));
            }
            catch (Exception e)
            {
                failures.Add(Describe($"ErrorMessage threw {e.GetType().FullName}: {e.Message}", seed, i, ops, input));
            }
        }

        private static string Describe(string what, int seed, int i, string ops, byte[] input)
        {
            var shown = input.Length <= 300 ? input : input.Take(300).ToArray();
            return $"seed {seed} case {i} [{ops}] {what}\n    input ({input.Length} bytes): {Encoding.UTF8.GetString(shown).Replace("\n", "\\n")}";
        }
    }

    /// <summary>Byte-level and JSON-aware mutations.</summary>
    internal static class Mutator
    {
        private static readonly byte[][] Tokens = new[]
        {
            "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-", "e", ".", "\\", "\\u", "\\ud800", "\\u0000",
            "\"type\":", "\"type\":\"StasisStart\",", "\"timestamp\":", "\"channel\":", "\"args\":", "\"id\":", " ", "\r\n", "\t",
        }.Select(Encoding.UTF8.GetBytes).Concat(new[]
        {
            new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xC0, 0xAF },
            new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0x00 },
        }).ToArray();

        private static readonly string OversizedString = "\"" + new string('x', 1 << 20) + "\"";
        private static readonly string DeepArray = new string('[', 10_000) + new string(']', 10_000);
        private static readonly string DeepObject = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);

        /// <summary>Values to put in place of any value: every JSON type, huge and odd numbers, edge timestamps,
        /// odd strings, invalid UTF-8 and deep nesting.</summary>
        private static readonly byte[][] Values = new[]
        {
            "null", "true", "false", "0", "-0", "1", "-1", "1.5", "1e400", "-1e400", "1E-400", "0.1e-999999",
            "123456789012345678901234567890123456789", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "18446744073709551616", "2147483648", "-2147483649", "4294967296", "1.7976931348623157e308", "5e-324", "1.0",
            "\"\"", "\"x\"", "\" \"", "{}", "[]", "[null]", "[1,\"2\",{}]", "{\"a\":1}", "{\"type\":\"StasisStart\"}", "[{}]", "[[]]",
            "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\uFFFF\"", "\"\\\"\"", "\"ü#%/..?\"",
            "\"9999-12-31T23:59:59.999-1400\"", "\"0001-01-01T00:00:00.000+1400\"", "\"2026-11-27T16:26:23.132+1459\"",
            "\"2026-02-30T00:00:00.000+0000\"", "\"2026-11-27T16:26:23.132Z\"", "\"2026-11-27T16:26:23.132+0000\"",
            "\"0000-01-01T00:00:00.000+0000\"", "\"9999-12-31T23:59:59.9999999+14:00\"", "\"yesterday\"",
            "\"Up\"", "\"StasisStart\"", "\"channel:1.1\"", "\"1.5\"", "\"true\"", "\"NaN\"", "NaN", "Infinity", "-Infinity", "undefined",
            DeepArray, DeepObject, OversizedString,
        }.Select(Encoding.UTF8.GetBytes).Concat(new[]
        {
            new byte[] { 0x22, 0xFF, 0x22 }, new byte[] { 0x22, 0xC3, 0x28, 0x22 }, new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 },
            new byte[] { 0x22, 0xC0, 0xAF, 0x22 }, new byte[] { 0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22 }, new byte[] { 0x22, 0x00, 0x22 },
        }).ToArray();

        /// <summary>1 to 4 stacked mutations; <paramref name="ops"/> names them.</summary>
        public static byte[] Mutate(Random random, byte[] original, out string ops)
        {
            var data = original;
            var names = new List<string>();
            var count = 1 + (random.Next(4) == 0 ? random.Next(4) : 0);
            for (var k = 0; k < count; k++)
            {
                var op = random.Next(100);
                string name;
                if (op < 35) { name = "json"; data = MutateJson(random, data, out var jsonOp); name += "-" + jsonOp; }
                else if (op < 50) { name = "flip"; data = Flip(random, data); }
                else if (op < 58) { name = "delete"; data = Delete(random, data); }
                else if (op < 68) { name = "insert"; data = Insert(random, data); }
                else if (op < 76) { name = "truncate"; data = data.Take(data.Length == 0 ? 0 : random.Next(data.Length)).ToArray(); }
                else if (op < 83) { name = "duplicate"; data = Duplicate(random, data); }
                else if (op < 90) { name = "utf8"; data = BreakUtf8(random, data); }
                else if (op < 93) { name = "binary"; data = new byte[random.Next(1, 2048)]; random.NextBytes(data); }
                else if (op < 95) { name = "empty"; data = random.Next(2) == 0 ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(new[] { "", " ", "\r\n", "{}", "[]", "null", "\"\"", "0" }[random.Next(8)]); }
                else if (op < 97) { name = "nest"; data = Nest(random, data); }
                else { name = "oversize"; data = Oversize(random, data); }
                names.Add(name);
            }
            ops = string.Join("+", names);
            return data;
        }

        private static byte[] Flip(Random random, byte[] data)
        {
            if (data.Length == 0) return data;
            var copy = (byte[])data.Clone();
            var flips = 1 + random.Next(4);
            for (var i = 0; i < flips; i++)
            {
                var at = random.Next(copy.Length);
                copy[at] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(copy[at] ^ (1 << random.Next(8)));
            }
            return copy;
        }

        private static byte[] Delete(Random random, byte[] data)
        {
            if (data.Length == 0) return data;
            var at = random.Next(data.Length);
            var length = Math.Min(data.Length - at, 1 + random.Next(random.Next(2) == 0 ? 4 : 64));
            return data.Take(at).Concat(data.Skip(at + length)).ToArray();
        }

        private static byte[] Insert(Random random, byte[] data)
        {
            var at = random.Next(data.Length + 1);
            byte[] what;
            if (random.Next(2) == 0) what = Tokens[random.Next(Tokens.Length)];
            else { what = new byte[1 + random.Next(8)]; random.NextBytes(what); }
            return data.Take(at).Concat(what).Concat(data.Skip(at)).ToArray();
        }

        private static byte[] Duplicate(Random random, byte[] data)
        {
            if (data.Length == 0) return data;
            var from = random.Next(data.Length);
            var length = Math.Min(data.Length - from, 1 + random.Next(256));
            var at = random.Next(data.Length + 1);
            return data.Take(at).Concat(data.Skip(from).Take(length)).Concat(data.Skip(at)).ToArray();
        }

        private static byte[] BreakUtf8(Random random, byte[] data)
        {
            var bad = new[] { new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xFE, 0xFF } };
            // Prefer the inside of a string: after a quote.
            var quotes = new List<int>();
            for (var i = 0; i < data.Length; i++) if (data[i] == (byte)'"') quotes.Add(i + 1);
            var at = quotes.Count > 0 && random.Next(4) != 0 ? quotes[random.Next(quotes.Count)] : random.Next(data.Length + 1);
            return data.Take(at).Concat(bad[random.Next(bad.Length)]).Concat(data.Skip(at)).ToArray();
        }

        private static byte[] Nest(Random random, byte[] data)
        {
            var depth = random.Next(2) == 0 ? 10_000 : 1 + random.Next(200);
            var open = random.Next(2) == 0 ? "[" : "{\"type\":\"StasisStart\",\"a\":";
            var close = open == "[" ? "]" : "}";
            var sb = new StringBuilder();
            for (var i = 0; i < depth; i++) sb.Append(open);
            var head = Encoding.UTF8.GetBytes(sb.ToString());
            sb.Clear();
            for (var i = 0; i < depth; i++) sb.Append(close);
            return head.Concat(data).Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
        }

        private static byte[] Oversize(Random random, byte[] data)
        {
            // A huge key or value spliced right after the first '{'.
            var brace = Array.IndexOf(data, (byte)'{');
            var piece = random.Next(2) == 0 ? OversizedString + ":1," : "\"big\":" + OversizedString + ",";
            var at = brace < 0 ? 0 : brace + 1;
            return data.Take(at).Concat(Encoding.UTF8.GetBytes(piece)).Concat(data.Skip(at)).ToArray();
        }

        // ---- JSON-aware: rewrite the document, mutating one value on the way

        private enum JsonOp { Replace, DuplicateKey, Drop, Nest, RenameKey }

        private static byte[] MutateJson(Random random, byte[] data, out string name)
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(data, new JsonDocumentOptions { MaxDepth = 256 }); }
            catch (JsonException) { name = "unparsable"; return Flip(random, data); }
            catch (ArgumentException) { name = "unparsable"; return Flip(random, data); }
            using (doc)
            {
                var total = CountValues(doc.RootElement);
                var target = random.Next(total);
                var op = (JsonOp)random.Next(5);
                name = op.ToString();
                using var stream = new MemoryStream();
                try
                {
                    using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                    var index = 0;
                    Write(writer, doc.RootElement, random, target, op, ref index);
                }
                catch (InvalidOperationException)
                {
                    // A property name that is not valid UTF-8 (an earlier mutation) cannot be rewritten.
                    name = "unwritable";
                    return Flip(random, data);
                }
                return stream.ToArray();
            }
        }

        private static int CountValues(JsonElement e)
        {
            var n = 1;
            if (e.ValueKind == JsonValueKind.Object) foreach (var p in e.EnumerateObject()) n += CountValues(p.Value);
            else if (e.ValueKind == JsonValueKind.Array) foreach (var item in e.EnumerateArray()) n += CountValues(item);
            return n;
        }

        private static void Write(Utf8JsonWriter w, JsonElement e, Random random, int target, JsonOp op, ref int index, string? propertyName = null)
        {
            var me = index++;
            if (me == target)
            {
                switch (op)
                {
                    case JsonOp.Drop when propertyName != null:
                        index += CountValues(e) - 1;
                        return;
                    case JsonOp.DuplicateKey when propertyName != null:
                        w.WritePropertyName(propertyName);
                        WriteRaw(w, random.Next(2) == 0 ? Encoding.UTF8.GetBytes(e.GetRawText()) : Values[random.Next(Values.Length)]);
                        break;
                    case JsonOp.RenameKey when propertyName != null:
                        propertyName = new[] { "type", "", "Type", "id", "timestamp", "channel", "x\u0000y", propertyName + propertyName }[random.Next(8)];
                        break;
                    case JsonOp.Nest:
                        if (propertyName != null) w.WritePropertyName(propertyName);
                        var depth = random.Next(2) == 0 ? 10_000 : 2 + random.Next(100);
                        WriteRaw(w, Encoding.UTF8.GetBytes(new string('[', depth) + e.GetRawText() + new string(']', depth)));
                        index += CountValues(e) - 1;
                        return;
                    default:
                        if (propertyName != null) w.WritePropertyName(propertyName);
                        WriteRaw(w, Values[random.Next(Values.Length)]);
                        index += CountValues(e) - 1;
                        return;
                }
            }
            if (propertyName != null) w.WritePropertyName(propertyName);
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    w.WriteStartObject();
                    foreach (var p in e.EnumerateObject()) Write(w, p.Value, random, target, op, ref index, p.Name);
                    w.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    w.WriteStartArray();
                    foreach (var item in e.EnumerateArray()) Write(w, item, random, target, op, ref index);
                    w.WriteEndArray();
                    break;
                default:
                    WriteRaw(w, Encoding.UTF8.GetBytes(e.GetRawText()));
                    break;
            }
        }

        private static void WriteRaw(Utf8JsonWriter w, byte[] raw) => w.WriteRawValue(raw, skipInputValidation: true);

        /// <summary>Whole inputs at the extremes.</summary>
        public static IEnumerable<byte[]> Extremes()
        {
            yield return Array.Empty<byte>();
            yield return new byte[] { 0 };
            yield return Encoding.UTF8.GetBytes(DeepArray);
            yield return Encoding.UTF8.GetBytes(DeepObject);
            yield return Encoding.UTF8.GetBytes("{\"type\":\"StasisStart\",\"args\":" + DeepArray + "}");
            yield return Encoding.UTF8.GetBytes("{\"type\":\"ChannelUserevent\",\"userevent\":" + DeepObject + "}");
            yield return Encoding.UTF8.GetBytes("{\"message\":" + DeepObject + "}");
            yield return Encoding.UTF8.GetBytes("{\"type\":" + OversizedString + "}");
            yield return Encoding.UTF8.GetBytes("{\"type\":\"StasisStart\",\"x\":" + OversizedString + "}");
            yield return Encoding.UTF8.GetBytes("{\"message\":" + OversizedString + "}");
            yield return Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{}", 100_000)) + "]");
            yield return Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("null", 1000)) + "]");
            yield return Encoding.UTF8.GetBytes("{" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"k{i}\":{i}")) + ",\"type\":\"X\"}");
            yield return Encoding.UTF8.GetBytes("{" + string.Concat(Enumerable.Repeat("\"id\":\"a\",", 10_000)) + "\"type\":\"StasisStart\"}");
            yield return Encoding.UTF8.GetBytes("{\"type\":\"StasisStart\",\"timestamp\":\"9999-12-31T23:59:59.999-1400\"}");
            yield return Encoding.UTF8.GetBytes("{\"type\":\"StasisStart\",\"timestamp\":\"0001-01-01T00:00:00.000+1400\"}");
            yield return Encoding.UTF8.GetBytes("{\"creationtime\":\"2026-11-27T16:26:23.132+1459\",\"id\":\"1\"}");
            yield return Encoding.UTF8.GetBytes("{\"type\":\"ChannelHangupRequest\",\"cause\":1e400}");
            yield return Encoding.UTF8.GetBytes("{\"type\":\"ChannelUserevent\",\"userevent\":{\"n\":1e400,\"m\":-1e400,\"k\":123456789012345678901234567890}}");
            yield return Encoding.UTF8.GetBytes("{\"type\":\"StasisStart\",\"type\":null}");
            yield return Encoding.UTF8.GetBytes("[{\"id\":\"1.1\"},null]");
            yield return Encoding.UTF8.GetBytes("{\"message\":null,\"error\":null}");
            yield return Encoding.UTF8.GetBytes("{\"message\":\"\"}");
            yield return Encoding.UTF8.GetBytes("{\"message\":1}");
            yield return new byte[] { (byte)'{', (byte)'"', (byte)'m', (byte)'e', (byte)'s', (byte)'s', (byte)'a', (byte)'g', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}' };
            yield return new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' };
            var binary = new byte[64 * 1024];
            new Random(1).NextBytes(binary);
            yield return binary;
        }
    }
}

namespace PSAri.Tests
{
    /// <summary>The stream level: the event stream turns each unreadable frame into an error item and goes on,
    /// and Receive-AriEvent writes the good events and a non-terminating InvalidData error per bad frame.</summary>
    public class BadFrameStreamTests
    {
        private static byte[] Userevent(string name) => Encoding.UTF8.GetBytes(
            "{\"type\":\"ChannelUserevent\",\"timestamp\":\"2026-11-27T16:26:23.132+0000\",\"eventname\":\"" + name + "\",\"userevent\":{},\"asterisk_id\":\"x\",\"application\":\"fuzzapp\"}");

        private static readonly byte[][] Frames =
        {
            Userevent("first"),
            Encoding.UTF8.GetBytes("{\"type\":\"StasisStart\",\"timestamp\":"),
            Encoding.UTF8.GetBytes("{\"type\":\"FutureEvent\",\"timestamp\":\"2026-11-27T16:26:23.133+0000\",\"novel\":[1,2],\"application\":\"fuzzapp\"}"),
            Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)),
            Encoding.UTF8.GetBytes("{\"type\":\"StasisStart\",\"timestamp\":\"9999-12-31T23:59:59.999-1400\",\"application\":\"fuzzapp\"}"),
            Userevent("second"),
        };

        [Fact]
        public void ReceiveAriEventWritesTheGoodEventsAndAnInvalidDataErrorPerBadFrame()
        {
            using var emulator = new PSAri.Emulator.AriEmulator(TestSecret.Options());
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.AddCommand("Import-Module").AddParameter("Assembly", typeof(AriConnection).Assembly).Invoke();
            ps.Commands.Clear();
            var password = new System.Security.SecureString();
            foreach (var ch in TestSecret.Password) password.AppendChar(ch);
            ps.AddScript("param($Uri, $Credential) $c = Connect-Ari -BaseUri $Uri -Credential $Credential; Receive-AriEvent -Connection $c -App fuzzapp -Count 6 -WarningAction SilentlyContinue")
                .AddParameter("Uri", emulator.BaseUri)
                .AddParameter("Credential", new System.Management.Automation.PSCredential(TestSecret.User, password));
            var output = new System.Management.Automation.PSDataCollection<System.Management.Automation.PSObject>();
            var handle = ps.BeginInvoke<System.Management.Automation.PSObject, System.Management.Automation.PSObject>(null, output);
            // (Never enumerate a PSDataCollection that is still being written: it blocks. Index it, or wait for the end.)
            try
            {
                WaitUntil(() => emulator.EventSocketCount("fuzzapp") == 1 || handle.IsCompleted, "the app's socket");
                if (handle.IsCompleted) Assert.Fail("Receive-AriEvent ended early: " + string.Join("; ", ps.Streams.Error));
                foreach (var frame in Frames) Assert.Equal(1, emulator.SendRawFrame("fuzzapp", frame));
                WaitUntil(() => output.Count >= 3 || handle.IsCompleted, "three events");

                // Invalid UTF-8 in a text frame breaks the WebSocket protocol itself: .NET's WebSocket drops the socket,
                // and the stream reconnects (ConnectionLost, ConnectionRestored) and goes on.
                Assert.Equal(1, emulator.SendRawFrame("fuzzapp", new byte[] { (byte)'{', (byte)'"', (byte)'t', (byte)'y', (byte)'p', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' }));
                WaitUntil(() => output.Count >= 5 || handle.IsCompleted, "the reconnect");
                WaitUntil(() => emulator.EventSocketCount("fuzzapp") == 1 || handle.IsCompleted, "the app's new socket");
                emulator.SendRawFrame("fuzzapp", Userevent("after"));
                Assert.True(handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "Receive-AriEvent did not write 6 events");
                ps.EndInvoke(handle);
            }
            finally
            {
                if (!handle.IsCompleted) ps.Stop();
            }

            var events = output.Select(o => o.BaseObject).ToList();
            Assert.Equal(6, events.Count);
            Assert.Equal("first", Assert.IsType<ChannelUsereventEvent>(events[0]).EventName);
            var raw = Assert.IsType<AriEvent>(events[1]);
            Assert.Equal("FutureEvent", raw.Type);
            Assert.Equal("[1,2]", raw.UnknownProperties!["novel"]);
            Assert.Equal("second", Assert.IsType<ChannelUsereventEvent>(events[2]).EventName);
            Assert.Equal(AriConnectionEvent.Lost, Assert.IsType<AriConnectionEvent>(events[3]).Type);
            Assert.Equal(AriConnectionEvent.Restored, Assert.IsType<AriConnectionEvent>(events[4]).Type);
            Assert.Equal("after", Assert.IsType<ChannelUsereventEvent>(events[5]).EventName);

            var errors = ps.Streams.Error.ToList();
            Assert.Equal(3, errors.Count);
            foreach (var error in errors)
            {
                Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
                Assert.StartsWith("AriUnreadableEvent", error.FullyQualifiedErrorId, StringComparison.Ordinal);
                Assert.IsType<AriProtocolException>(error.Exception);
            }
            Assert.Contains("{\"type\":\"StasisStart\",\"timestamp\":", errors[0].Exception.Message);
            Assert.Contains("9999-12-31", errors[2].Exception.Message);
        }

        private static void WaitUntil(Func<bool> condition, string what)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("Timed out waiting for " + what);
                System.Threading.Thread.Sleep(10);
            }
        }
    }
}
