using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Emulator;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>Drives an emulator with plain HttpClient and ClientWebSocket (not the project's client), and
    /// compares what it sends with the real Asterisk transcripts.</summary>
    internal sealed class EmulatorSession : IAsyncDisposable
    {
        public AriEmulator Emulator { get; }
        public HttpClient Http { get; }

        public EmulatorSession(double timeScale = 1.0)
        {
            Emulator = new AriEmulator(new AriEmulatorOptions { TimeScale = timeScale, Password = TestSecret.Password });
            Http = new HttpClient { BaseAddress = Emulator.BaseUri };
            Http.DefaultRequestHeaders.Authorization = BasicAuth(TestSecret.User, TestSecret.Password);
        }

        public static AuthenticationHeaderValue BasicAuth(string user, string password) =>
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

        public async Task<EventReader> ConnectAsync(string query, string user = TestSecret.User, string password = TestSecret.Password)
        {
            var ws = new ClientWebSocket();
            ws.Options.SetRequestHeader("Authorization", BasicAuth(user, password).ToString());
            var uri = new Uri($"ws://127.0.0.1:{Emulator.Port}/ari/events?{query}");
            await ws.ConnectAsync(uri, Timeout()).ConfigureAwait(false);
            return new EventReader(ws);
        }

        public static CancellationToken Timeout(int ms = 5000) => new CancellationTokenSource(ms).Token;

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            Emulator.Dispose();
            await Task.CompletedTask;
        }
    }

    /// <summary>Reads one event per text frame. A background loop receives (cancelling a ReceiveAsync would
    /// abort the socket), so "nothing arrives within N ms" can be asked without losing the socket.</summary>
    internal sealed class EventReader : IDisposable
    {
        private readonly System.Threading.Channels.Channel<string?> _frames = System.Threading.Channels.Channel.CreateUnbounded<string?>();

        public ClientWebSocket Socket { get; }

        public EventReader(ClientWebSocket socket)
        {
            Socket = socket;
            _ = Task.Run(ReceiveLoopAsync);
        }

        private readonly TaskCompletionSource<bool> _done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Starts the close handshake and waits until the server's close frame arrived (the background
        /// loop is the only receiver, so CloseAsync, which also receives, must not be used).</summary>
        public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string reason = "")
        {
            await Socket.CloseOutputAsync(status, reason, EmulatorSession.Timeout()).ConfigureAwait(false);
            await _done.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        private async Task ReceiveLoopAsync()
        {
            var buffer = new byte[65536];
            using var ms = new MemoryStream();
            try
            {
                while (true)
                {
                    var r = await Socket.ReceiveAsync(new ArraySegment<byte>(buffer), CancellationToken.None).ConfigureAwait(false);
                    if (r.MessageType == WebSocketMessageType.Close)
                        break;
                    ms.Write(buffer, 0, r.Count);
                    if (!r.EndOfMessage)
                        continue;
                    _frames.Writer.TryWrite(Encoding.UTF8.GetString(ms.ToArray()));
                    ms.SetLength(0);
                }
            }
            catch (Exception)
            {
            }
            _frames.Writer.TryComplete();
            _done.TrySetResult(true);
        }

        /// <summary>The next frame, or null after the timeout or when the socket closed.</summary>
        public async Task<string?> NextAsync(int timeoutMs = 5000)
        {
            using var cts = new CancellationTokenSource(timeoutMs);
            try
            {
                return await _frames.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                return null;
            }
        }

        public async Task<JsonElement> NextEventAsync(string expectedType, int timeoutMs = 5000)
        {
            var text = await NextAsync(timeoutMs).ConfigureAwait(false);
            Assert.True(text != null, $"no {expectedType} within {timeoutMs} ms");
            var e = JsonDocument.Parse(text!).RootElement.Clone();
            Assert.Equal(expectedType, e.GetProperty("type").GetString());
            return e;
        }

        public void Dispose() => Socket.Dispose();
    }

    /// <summary>The transcripts of real Asterisk 22.10.1 and a strict shape comparison.</summary>
    internal static class Transcript
    {
        public static bool Available => Directory.Exists(TestPaths.Transcripts);

        public static List<JsonElement> Load(string name) =>
            File.ReadAllLines(Path.Combine(TestPaths.Transcripts, name + ".jsonl"))
                .Where(l => l.Trim().Length > 0)
                .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                .ToList();

        private static readonly Regex Generated = new Regex(
            @"\b\d{9,}\.\d+\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000");

        /// <summary>Channel ids, playback UUIDs and timestamps become placeholders; everything else must match.</summary>
        public static string Normalize(string s) => Generated.Replace(s, m =>
            m.Value.Contains("T") && m.Value.EndsWith("+0000") ? "<time>" : m.Value.Contains("-") ? "<uuid>" : "<channel-id>");

        /// <summary>Same keys in the same order, recursively; same values except generated ids and times.</summary>
        public static void AssertSameShape(JsonElement expected, JsonElement actual, string path = "$")
        {
            Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}");
            switch (expected.ValueKind)
            {
                case JsonValueKind.Object:
                    var ek = expected.EnumerateObject().Select(p => p.Name).ToList();
                    var ak = actual.EnumerateObject().Select(p => p.Name).ToList();
                    Assert.True(ek.SequenceEqual(ak), $"{path}: keys [{string.Join(",", ek)}] expected, got [{string.Join(",", ak)}]");
                    foreach (var name in ek)
                        AssertSameShape(expected.GetProperty(name), actual.GetProperty(name), path + "." + name);
                    break;
                case JsonValueKind.Array:
                    Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: array length");
                    for (var i = 0; i < expected.GetArrayLength(); i++)
                        AssertSameShape(expected[i], actual[i], $"{path}[{i}]");
                    break;
                case JsonValueKind.String:
                    Assert.True(Normalize(expected.GetString()!) == Normalize(actual.GetString()!),
                        $"{path}: expected \"{expected.GetString()}\", got \"{actual.GetString()}\"");
                    break;
                default:
                    Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                    break;
            }
        }

        public static void AssertSameShape(string expectedJson, string actualJson) =>
            AssertSameShape(JsonDocument.Parse(expectedJson).RootElement, JsonDocument.Parse(actualJson).RootElement);
    }
}
