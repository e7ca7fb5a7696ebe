using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using PSAri.Json;
using PSAri.Model;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>Every WebSocket frame real Asterisk 22.10.1 sent in the transcripts parses to its typed event,
    /// completely (no unknown property anywhere), and serializes back to the very same text.</summary>
    public class EventTranscriptTests
    {
        /// <summary>Frames that cannot round-trip byte for byte, by "file:line", with the reason. Keep it short.</summary>
        private static readonly Dictionary<string, string> RoundTripExceptions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
        };

        private static IEnumerable<TranscriptLine> Frames(string file) => Transcripts.Read(file).Where(l => l.Kind == "ws.msg");

        [TranscriptTheory]
        [MemberData(nameof(Transcripts.Files), MemberType = typeof(Transcripts))]
        public void EveryFrameParsesToItsTypedEventWithNothingUnknown(string file)
        {
            var failures = new List<string>();
            foreach (var line in Frames(file))
            {
                var data = line.Str("data")!;
                AriMessage message;
                try { message = AriEventParser.Parse(Encoding.UTF8.GetBytes(data)); }
                catch (Exception e) { failures.Add($"{line.Where}: {e.GetType().Name}: {e.Message}"); continue; }

                using var doc = JsonDocument.Parse(data);
                var type = doc.RootElement.GetProperty("type").GetString()!;
                var expectedClass = type == "RESTResponse" ? "RestResponseEvent" : type + "Event";
                if (message.GetType().Name != expectedClass)
                    failures.Add($"{line.Where}: type {type} parsed as {message.GetType().Name}, expected {expectedClass}");
                if (message.Type != type)
                    failures.Add($"{line.Where}: Type is '{message.Type}', expected '{type}'");
                if (doc.RootElement.TryGetProperty("timestamp", out var ts))
                {
                    var expected = ParseInstant(ts.GetString()!);
                    var actual = ((AriEvent)message).Timestamp;
                    if (actual != expected || actual.Offset != expected.Offset)
                        failures.Add($"{line.Where}: Timestamp {actual:o} != {ts.GetString()}");
                }
                if (doc.RootElement.TryGetProperty("application", out var app) && ((AriEvent)message).Application != app.GetString())
                    failures.Add($"{line.Where}: Application '{((AriEvent)message).Application}' != '{app.GetString()}'");
                failures.AddRange(Transcripts.UnknownProperties(message).Select(u => $"{line.Where}: {u}"));
            }
            Assert.True(failures.Count == 0, $"{failures.Count} problem(s):\n" + string.Join("\n", failures.Take(50)));
        }

        [TranscriptTheory]
        [MemberData(nameof(Transcripts.Files), MemberType = typeof(Transcripts))]
        public void EveryFrameSerializesBackToTheSameText(string file)
        {
            var failures = new List<string>();
            var count = 0;
            foreach (var line in Frames(file))
            {
                var data = line.Str("data")!;
                var message = AriEventParser.Parse(Encoding.UTF8.GetBytes(data));
                var json = JsonSerializer.Serialize(message, message.GetType(), AriJsonContext.Wire);
                count++;
                if (RoundTripExceptions.ContainsKey(line.Where)) continue;
                if (json != data)
                    failures.Add($"{line.Where} ({message.Type}):\n  frame: {data}\n  ours:  {json}\n  first difference at {FirstDifference(data, json)}");
            }
            Assert.True(failures.Count == 0, $"{failures.Count} of {count} frame(s) differ:\n" + string.Join("\n", failures.Take(20)));
        }

        [TranscriptFact]
        public void TheTranscriptsHaveFramesAndEveryListedExceptionExists()
        {
            var frames = Transcripts.ReadAll().Where(l => l.Kind == "ws.msg").ToList();
            Assert.True(frames.Count > 600, $"only {frames.Count} ws.msg frames found");
            var where = new HashSet<string>(frames.Select(f => f.Where));
            foreach (var key in RoundTripExceptions.Keys)
                Assert.True(where.Contains(key), $"round-trip exception {key} is not a ws.msg frame");
        }

        [Fact]
        public void EveryEventTypeOfTheApiIsKnown()
        {
            string[] all =
            {
                "DeviceStateChanged", "PlaybackStarted", "PlaybackContinuing", "PlaybackFinished", "RecordingStarted",
                "RecordingFinished", "RecordingFailed", "ApplicationMoveFailed", "ApplicationRegistered",
                "ApplicationUnregistered", "ApplicationReplaced", "BridgeCreated", "BridgeDestroyed", "BridgeMerged",
                "BridgeBlindTransfer", "BridgeAttendedTransfer", "BridgeVideoSourceChanged", "ChannelCreated",
                "ChannelDestroyed", "ChannelEnteredBridge", "ChannelLeftBridge", "ChannelStateChange",
                "ChannelDtmfReceived", "ChannelDialplan", "ChannelCallerId", "ChannelUserevent", "ChannelHangupRequest",
                "ChannelVarset", "ChannelToneDetected", "ChannelTalkingStarted", "ChannelTalkingFinished", "ChannelHold",
                "ChannelUnhold", "ContactStatusChange", "EndpointStateChange", "Dial", "StasisEnd", "StasisStart",
                "TextMessageReceived", "ChannelConnectedLine", "PeerStatusChange", "ChannelTransfer", "RESTResponse",
                "CallBroadcast", "CallClaimed",
            };
            Assert.Equal(45, all.Length);
            var known = new HashSet<string>(AriEventParser.KnownTypes);
            var missing = all.Where(t => !known.Contains(t)).ToList();
            Assert.True(missing.Count == 0, "not known: " + string.Join(", ", missing));
            Assert.Contains("MissingParams", known);
            foreach (var t in all)
            {
                var m = AriEventParser.Parse(Encoding.UTF8.GetBytes($"{{\"type\":\"{t}\",\"timestamp\":\"2026-11-27T16:26:23.132+0000\",\"application\":\"a\"}}"));
                Assert.Equal(t == "RESTResponse" ? "RestResponseEvent" : t + "Event", m.GetType().Name);
            }
        }

        internal static DateTimeOffset ParseInstant(string text) =>
            // "2026-11-27T16:26:23.132+0000": put the colon in the offset for the BCL parser.
            DateTimeOffset.ParseExact(text.Substring(0, text.Length - 2) + ":" + text.Substring(text.Length - 2),
                "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

        private static string FirstDifference(string a, string b)
        {
            var i = 0;
            while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
            string Around(string s) => s.Substring(Math.Max(0, i - 30), Math.Min(s.Length, i + 40) - Math.Max(0, i - 30));
            return $"{i}: frame ...{Around(a)}... vs ours ...{Around(b)}...";
        }
    }
}
