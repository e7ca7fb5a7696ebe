using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriRequest: sends any ARI request (method, path below /ari, query, JSON body). Answers of
    /// known operations become PSAri's model objects; any other JSON becomes PSCustomObjects (timestamps stay
    /// strings). For operations newer than this build, or requests no cmdlet makes.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AriObject), typeof(PSObject), typeof(string))]
    public sealed class InvokeAriRequestCommand : AriConnectedCmdlet
    {
        /// <summary>The HTTP method.</summary>
        [Parameter(Position = 0)]
        [ValidateSet("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "HEAD")]
        public string Method { get; set; } = "GET";

        /// <summary>The path below /ari, such as asterisk/info or channels/1733500000.17 ('/' separates segments;
        /// put an id with reserved characters in -Segment instead).</summary>
        [Parameter(Position = 1)]
        [AllowEmptyString]
        public string Path { get; set; } = "";

        /// <summary>Path segments appended after -Path, each escaped: an id can never change the path.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Segment { get; set; }

        /// <summary>Query parameters; a list value is sent comma-separated, $true/$false as true/false.</summary>
        [Parameter]
        public Hashtable? Query { get; set; }

        /// <summary>The JSON body: a hashtable or object (serialized with its types) or a JSON string sent as it is.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? Body { get; set; }

        private static readonly (string Method, string[] Template, JsonTypeInfo Type)[] Known = new (string, string, JsonTypeInfo)[]
        {
            ("GET", "applications", AriJsonContext.Default.ApplicationArray),
            ("GET", "applications/{applicationName}", AriJsonContext.Default.Application),
            ("POST", "applications/{applicationName}/subscription", AriJsonContext.Default.Application),
            ("DELETE", "applications/{applicationName}/subscription", AriJsonContext.Default.Application),
            ("PUT", "applications/{applicationName}/eventFilter", AriJsonContext.Default.Application),
            ("GET", "asterisk/config/dynamic/{configClass}/{objectType}/{id}", AriJsonContext.Default.ConfigTupleArray),
            ("PUT", "asterisk/config/dynamic/{configClass}/{objectType}/{id}", AriJsonContext.Default.ConfigTupleArray),
            ("GET", "asterisk/info", AriJsonContext.Default.AsteriskInfo),
            ("GET", "asterisk/ping", AriJsonContext.Default.AsteriskPing),
            ("GET", "asterisk/modules", AriJsonContext.Default.AsteriskModuleArray),
            ("GET", "asterisk/modules/{moduleName}", AriJsonContext.Default.AsteriskModule),
            ("GET", "asterisk/logging", AriJsonContext.Default.LogChannelArray),
            ("GET", "asterisk/variable", AriJsonContext.Default.Variable),
            ("GET", "bridges", AriJsonContext.Default.BridgeArray),
            ("POST", "bridges", AriJsonContext.Default.Bridge),
            ("POST", "bridges/{bridgeId}", AriJsonContext.Default.Bridge),
            ("GET", "bridges/{bridgeId}", AriJsonContext.Default.Bridge),
            ("GET", "bridges/{bridgeId}/variable", AriJsonContext.Default.Variable),
            ("GET", "bridges/{bridgeId}/variables", AriJsonContext.Default.VariableSet),
            ("POST", "bridges/{bridgeId}/play", AriJsonContext.Default.Playback),
            ("POST", "bridges/{bridgeId}/play/{playbackId}", AriJsonContext.Default.Playback),
            ("POST", "bridges/{bridgeId}/record", AriJsonContext.Default.LiveRecording),
            ("GET", "channels", AriJsonContext.Default.ChannelArray),
            ("POST", "channels", AriJsonContext.Default.Channel),
            ("POST", "channels/create", AriJsonContext.Default.Channel),
            ("GET", "channels/{channelId}", AriJsonContext.Default.Channel),
            ("POST", "channels/{channelId}", AriJsonContext.Default.Channel),
            ("POST", "channels/{channelId}/play", AriJsonContext.Default.Playback),
            ("POST", "channels/{channelId}/play/{playbackId}", AriJsonContext.Default.Playback),
            ("POST", "channels/{channelId}/record", AriJsonContext.Default.LiveRecording),
            ("GET", "channels/{channelId}/variable", AriJsonContext.Default.Variable),
            ("GET", "channels/{channelId}/variables", AriJsonContext.Default.VariableSet),
            ("POST", "channels/{channelId}/snoop", AriJsonContext.Default.Channel),
            ("POST", "channels/{channelId}/snoop/{snoopId}", AriJsonContext.Default.Channel),
            ("GET", "channels/{channelId}/rtp_statistics", AriJsonContext.Default.RtpStat),
            ("POST", "channels/externalMedia", AriJsonContext.Default.Channel),
            ("GET", "deviceStates", AriJsonContext.Default.DeviceStateArray),
            ("GET", "deviceStates/{deviceName}", AriJsonContext.Default.DeviceState),
            ("GET", "endpoints", AriJsonContext.Default.EndpointArray),
            ("GET", "endpoints/{tech}", AriJsonContext.Default.EndpointArray),
            ("GET", "endpoints/{tech}/{resource}", AriJsonContext.Default.Endpoint),
            ("GET", "mailboxes", AriJsonContext.Default.MailboxArray),
            ("GET", "mailboxes/{mailboxName}", AriJsonContext.Default.Mailbox),
            ("GET", "playbacks/{playbackId}", AriJsonContext.Default.Playback),
            ("GET", "recordings/stored", AriJsonContext.Default.StoredRecordingArray),
            ("GET", "recordings/stored/{recordingName}", AriJsonContext.Default.StoredRecording),
            ("POST", "recordings/stored/{recordingName}/copy", AriJsonContext.Default.StoredRecording),
            ("GET", "recordings/live/{recordingName}", AriJsonContext.Default.LiveRecording),
            ("GET", "sounds", AriJsonContext.Default.SoundArray),
            ("GET", "sounds/{soundId}", AriJsonContext.Default.Sound),
        }.Select(k => (k.Item1, k.Item2.Split('/'), k.Item3)).ToArray();

        protected override void ProcessConnectionRecord()
        {
            var segments = new List<string>();
            var path = Path.Trim();
            var queryText = "";
            var q = path.IndexOf('?');
            if (q >= 0) { queryText = path.Substring(q + 1); path = path.Substring(0, q); }
            path = path.TrimStart('/');
            if (path == "ari") path = "";
            else if (path.StartsWith("ari/", StringComparison.Ordinal)) path = path.Substring(4);
            // The path may hold escaped segments (built with [uri]::EscapeDataString): unescape, they are escaped again.
            segments.AddRange(path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString));
            if (Segment != null) segments.AddRange(Segment);
            if (segments.Count == 0)
                ThrowTerminatingError(AriErrors.Record("AriEmptyPath", ErrorCategory.InvalidArgument, Path, "Give -Path (such as asterisk/info) or -Segment."));

            var request = new AriRequest(Method, segments.ToArray());
            foreach (var pair in queryText.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                request.With(Uri.UnescapeDataString(eq < 0 ? pair : pair.Substring(0, eq)), eq < 0 ? "" : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' ')));
            }
            if (Query != null)
                foreach (DictionaryEntry entry in Query)
                    request.With(entry.Key.ToString()!, QueryValue(entry.Value));
            var body = Body is PSObject ps ? ps.BaseObject : Body;
            if (body is string json)
            {
                try { using (JsonDocument.Parse(json)) { } }
                catch (JsonException e)
                {
                    ThrowTerminatingError(AriErrors.Record("AriInvalidJsonBody", ErrorCategory.InvalidArgument, json, "-Body is a string but not JSON: " + e.Message));
                }
                request.JsonBody = Encoding.UTF8.GetBytes(json);
            }
            else if (body != null)
            {
                request.JsonBody = AriJsonBody.Serialize(Body);
            }

            var target = string.Join("/", segments);
            if (!ShouldProcess(target, Method)) return;
            var response = Send(request, target);
            if (response is null || response.Body.Length == 0) return;
            var known = Find(Method, segments);
            if (known != null)
            {
                try
                {
                    var value = JsonSerializer.Deserialize(response.Body, known);
                    if (value is AriObject one) one.Attach(ActiveConnection);
                    if (value is AriObject[] many) { foreach (var item in many) item.Attach(ActiveConnection); WriteObject(many, enumerateCollection: true); return; }
                    WriteObject(value);
                    return;
                }
                catch (JsonException) { /* not the documented shape: fall back to plain objects */ }
            }
            try
            {
                using var doc = JsonDocument.Parse(response.Body);
                var value = ToPowerShell(doc.RootElement);
                WriteObject(value, enumerateCollection: doc.RootElement.ValueKind == JsonValueKind.Array);
            }
            catch (JsonException)
            {
                WriteObject(response.BodyText); // not JSON (the API docs' HTML, a recording's audio ...)
            }
        }

        private static object? QueryValue(object? value)
        {
            if (value is PSObject ps) value = ps.BaseObject;
            if (value is string || value is null) return value;
            if (value is bool b) return b ? "true" : "false";
            if (value is SwitchParameter sp) return sp.IsPresent ? "true" : "false";
            if (value is IEnumerable list)
                return string.Join(",", list.Cast<object?>().Select(v => Convert.ToString(v is PSObject p ? p.BaseObject : v, System.Globalization.CultureInfo.InvariantCulture)));
            return value;
        }

        /// <summary>The model of a path's answer, by the API's path templates (a literal beats a {parameter}).</summary>
        internal static JsonTypeInfo? Find(string method, IList<string> segments)
        {
            JsonTypeInfo? best = null;
            var bestLiterals = -1;
            foreach (var k in Known)
            {
                if (!string.Equals(k.Method, method, StringComparison.OrdinalIgnoreCase) || k.Template.Length != segments.Count) continue;
                var literals = 0;
                var ok = true;
                for (var i = 0; i < segments.Count && ok; i++)
                {
                    var t = k.Template[i];
                    if (t.StartsWith("{", StringComparison.Ordinal)) continue;
                    if (t == segments[i]) literals++; else ok = false;
                }
                if (ok && literals > bestLiterals) { best = k.Type; bestLiterals = literals; }
            }
            return best;
        }

        private static object? ToPowerShell(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    var o = new PSObject();
                    foreach (var p in e.EnumerateObject())
                        o.Properties.Add(new PSNoteProperty(p.Name, ToPowerShell(p.Value)));
                    return o;
                case JsonValueKind.Array:
                    return e.EnumerateArray().Select(ToPowerShell).ToArray();
                case JsonValueKind.String: return e.GetString();
                case JsonValueKind.Number:
                    if (e.TryGetInt64(out var l)) return l;
                    return e.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }
    }
}
