using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using PSAri.Json;
using PSAri.Model;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>Every JSON body real Asterisk answered with a 2xx deserializes into the model its operation returns,
    /// completely (no unknown property anywhere).</summary>
    public class RestBodyTranscriptTests
    {
        private static readonly AriJsonContext C = AriJsonContext.Default;

        /// <summary>Method + path (below /ari, without the query) → the model ARI returns. Segment = one path segment.</summary>
        private static readonly (string Method, Regex Path, JsonTypeInfo Type)[] Routes =
        {
            ("GET", R("/applications"), C.ApplicationArray),
            ("GET|POST|DELETE|PUT", R("/applications/S(/subscription|/eventFilter)?"), C.Application),
            ("GET|PUT", R("/asterisk/config/dynamic/S/S/S"), C.ConfigTupleArray),
            ("GET", R("/asterisk/info"), C.AsteriskInfo),
            ("GET", R("/asterisk/ping"), C.AsteriskPing),
            ("GET", R("/asterisk/modules"), C.AsteriskModuleArray),
            ("GET", R("/asterisk/modules/S"), C.AsteriskModule),
            ("GET", R("/asterisk/logging"), C.LogChannelArray),
            ("GET", R("/asterisk/variable"), C.Variable),
            ("GET", R("/bridges"), C.BridgeArray),
            ("POST", R("/bridges"), C.Bridge),
            ("GET|POST", R("/bridges/S"), C.Bridge),
            ("GET", R("/(bridges|channels)/S/variable"), C.Variable),
            ("GET", R("/(bridges|channels)/S/variables"), C.VariableSet),
            ("POST", R("/(bridges|channels)/S/play(/S)?"), C.Playback),
            ("POST", R("/(bridges|channels)/S/record"), C.LiveRecording),
            ("GET", R("/channels"), C.ChannelArray),
            ("POST", R("/channels"), C.Channel),
            ("GET|POST", R("/channels/S"), C.Channel),
            ("POST", R("/channels/S/snoop(/S)?"), C.Channel),
            ("GET", R("/channels/S/rtp_statistics"), C.RtpStat),
            ("GET", R("/deviceStates"), C.DeviceStateArray),
            ("GET", R("/deviceStates/S"), C.DeviceState),
            ("GET", R("/endpoints(/S)?"), C.EndpointArray),
            ("GET", R("/endpoints/S/S"), C.Endpoint),
            ("GET", R("/mailboxes"), C.MailboxArray),
            ("GET", R("/mailboxes/S"), C.Mailbox),
            ("GET", R("/playbacks/S"), C.Playback),
            ("GET", R("/recordings/stored"), C.StoredRecordingArray),
            ("GET", R("/recordings/stored/S"), C.StoredRecording),
            ("POST", R("/recordings/stored/S/copy"), C.StoredRecording),
            ("GET", R("/recordings/live/S"), C.LiveRecording),
            ("GET", R("/sounds"), C.SoundArray),
            ("GET", R("/sounds/S"), C.Sound),

        };

        private static Regex R(string pattern) =>
            new Regex("^" + pattern.Replace("S", "[^/]+") + "$", RegexOptions.CultureInvariant);

        internal static JsonTypeInfo? ModelFor(string method, string path)
        {
            foreach (var (m, p, t) in Routes)
                if (Array.IndexOf(m.Split('|'), method) >= 0 && p.IsMatch(path))
                    return t;
            return null;
        }

        [TranscriptTheory]
        [MemberData(nameof(Transcripts.Files), MemberType = typeof(Transcripts))]
        public void EverySuccessfulJsonBodyDeserializesCompletely(string file)
        {
            var failures = new List<string>();
            var requests = new Dictionary<string, TranscriptLine>();
            foreach (var line in Transcripts.Read(file))
            {
                if (line.Kind == "http.req") { requests[line.Json.GetProperty("id").ToString()] = line; continue; }
                if (line.Kind != "http.res") continue;
                var status = line.Json.GetProperty("status").GetInt32();
                var body = line.Str("body");
                if (status < 200 || status > 299 || string.IsNullOrEmpty(body)) continue; // 204, summarised or omitted bodies
                if (!IsJson(line)) continue;
                var req = requests[line.Json.GetProperty("id").ToString()];
                var method = req.Str("method")!;
                var path = req.Str("path")!.Split('?')[0];
                if (path.StartsWith("/ari/api-docs/", StringComparison.Ordinal)) continue; // Swagger documents, not models
                Check(failures, $"{line.Where} ({method} {path}, request at line {req.LineNumber})", method,
                    path.StartsWith("/ari/", StringComparison.Ordinal) ? path.Substring(4) : path, body!);
            }
            Assert.True(failures.Count == 0, $"{failures.Count} problem(s):\n" + string.Join("\n", failures.Take(50)));
        }

        /// <summary>REST over the WebSocket: the message_body of a 2xx RESTResponse is the same model.</summary>
        [TranscriptTheory]
        [MemberData(nameof(Transcripts.Files), MemberType = typeof(Transcripts))]
        public void EverySuccessfulRestResponseFrameBodyDeserializesCompletely(string file)
        {
            var failures = new List<string>();
            var sent = new Dictionary<string, string>(); // request_id -> method
            foreach (var line in Transcripts.Read(file))
            {
                if (line.Kind == "ws.send")
                {
                    try
                    {
                        using var doc = JsonDocument.Parse(line.Str("data")!);
                        if (doc.RootElement.ValueKind == JsonValueKind.Object
                            && doc.RootElement.TryGetProperty("request_id", out var rid) && doc.RootElement.TryGetProperty("method", out var m))
                            sent[rid.GetString()!] = m.GetString()!;
                    }
                    catch (JsonException) { } // deliberately malformed frames
                    continue;
                }
                if (line.Kind != "ws.msg") continue;
                if (AriEventParser.Parse(System.Text.Encoding.UTF8.GetBytes(line.Str("data")!)) is not RestResponseEvent r) continue;
                if (r.StatusCode < 200 || r.StatusCode > 299 || string.IsNullOrEmpty(r.MessageBody)) continue;
                Check(failures, $"{line.Where} (RESTResponse {r.Uri})", sent[r.RequestId], "/" + r.Uri, r.MessageBody!);
            }
            Assert.True(failures.Count == 0, $"{failures.Count} problem(s):\n" + string.Join("\n", failures.Take(50)));
        }

        /// <summary>The RESTRequest frames the capture client sent read into RestRequest and write back identically.</summary>
        [TranscriptFact]
        public void RestRequestFramesRoundTrip()
        {
            var failures = new List<string>();
            var count = 0;
            foreach (var line in Transcripts.ReadAll().Where(l => l.Kind == "ws.send"))
            {
                var data = line.Str("data")!;
                if (!data.StartsWith("{\"type\":\"RESTRequest\"", StringComparison.Ordinal) || !data.Contains("\"uri\"")) continue;
                count++;
                var request = JsonSerializer.Deserialize(data, C.RestRequest)!;
                failures.AddRange(Transcripts.UnknownProperties(request).Select(u => $"{line.Where}: {u}"));
                var again = JsonSerializer.Serialize(request, AriJsonContext.Wire.RestRequest);
                if (again != data) failures.Add($"{line.Where}:\n  sent: {data}\n  ours: {again}");
            }
            Assert.True(count >= 5, $"only {count} RESTRequest frames");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        [Fact]
        public void RoutesCoverTheListOperations()
        {
            Assert.Same(C.ChannelArray, ModelFor("GET", "/channels"));
            Assert.Same(C.Playback, ModelFor("POST", "/channels/1.2/play"));
            Assert.Same(C.AsteriskInfo, ModelFor("GET", "/asterisk/info"));
            Assert.Same(C.StoredRecordingArray, ModelFor("GET", "/recordings/stored"));
            Assert.Same(C.StoredRecording, ModelFor("GET", "/recordings/stored/capsub%2Frec5"));
            Assert.Null(ModelFor("DELETE", "/channels/1.2"));
        }

        private static void Check(List<string> failures, string where, string method, string path, string body)
        {
            var info = ModelFor(method, path);
            if (info is null) { failures.Add($"{where}: no model mapped for {method} {path}; body {Short(body)}"); return; }
            object? value;
            try { value = JsonSerializer.Deserialize(body, info); }
            catch (Exception e) { failures.Add($"{where}: {info.Type.Name}: {e.GetType().Name}: {e.Message}"); return; }
            if (value is null) { failures.Add($"{where}: deserialized to null"); return; }
            failures.AddRange(Transcripts.UnknownProperties(value).Select(u => $"{where}: {u}"));
            var again = JsonSerializer.Serialize(value, info.Type, AriJsonContext.Wire);
            if (again != body)
                failures.Add($"{where}: {info.Type.Name} does not serialize back to the body:\n  body: {Short(body)}\n  ours: {Short(again)}");
        }

        private static bool IsJson(TranscriptLine res)
        {
            if (!res.Json.TryGetProperty("headers", out var headers)) return false;
            foreach (var h in headers.EnumerateArray())
                if (string.Equals(h[0].GetString(), "Content-Type", StringComparison.OrdinalIgnoreCase))
                    return h[1].GetString()!.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
            return false;
        }

        private static string Short(string s) => s.Length <= 400 ? s : s.Substring(0, 400) + "...";
    }
}
