using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace PSAri.Emulator
{
    // REST over the event WebSocket (Asterisk 22.4+, transcript 13): a RESTRequest frame goes through the same
    // route table as HTTP and is answered with a RESTResponse frame on the same socket.
    public sealed partial class AriEmulator
    {
        private long _webSocketRequestCount;

        /// <summary>RESTRequest frames answered on event sockets since the start (they are not in <see cref="RequestLog"/>,
        /// which holds HTTP requests only).</summary>
        public long WebSocketRequestCount => Interlocked.Read(ref _webSocketRequestCount);

        private byte[] AnswerRestFrame(EventSocket socket, byte[] frame)
        {
            Interlocked.Increment(ref _webSocketRequestCount);
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(frame);
            }
            catch (JsonException)
            {
                // Asterisk's only answer without content_type and message_body.
                return RestResponse(socket, "", "", 400, "Failed to parse request message JSON", "", null);
            }
            using (doc)
            {
                var root = doc.RootElement;
                string? Text(string name) =>
                    root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                if (Text("type") != "RESTRequest")
                    return RestResponse(socket, "", "", 400, "Bad request", "", EmulatorResponse.Error(400, "Unknown request type."));
                var transaction = Text("transaction_id") ?? "";
                var id = Text("request_id") ?? "";
                var uri = Text("uri") ?? "";
                if (uri.Length == 0)
                    return RestResponse(socket, transaction, id, 400, "Bad request", "", EmulatorResponse.Error(400, "Empty or missing 'uri' property."));
                var q = uri.IndexOf('?');
                var path = q < 0 ? uri : uri.Substring(0, q);
                var response = Route(socket, Text("method") ?? "", path, q < 0 ? "" : uri.Substring(q + 1), root, Text("content_type"), Text("message_body"));
                var reason = response.Status == 406 ? "Not Acceptable. Use HTTP GET" : EmulatorHttpExchange.ReasonPhrase(response.Status);
                return RestResponse(socket, transaction, id, response.Status, reason, path, response);
            }
        }

        /// <summary>HTTP's checks in HTTP's order, for a uri relative to /ari (a leading '/' is Asterisk's 405).</summary>
        private EmulatorResponse Route(EventSocket socket, string method, string path, string query, JsonElement frame, string? contentType, string? body)
        {
            if (path.StartsWith("/", StringComparison.Ordinal))
                return EmulatorResponse.Error(405, "Invalid method");
            if (path.EndsWith("/", StringComparison.Ordinal))
                return EmulatorResponse.Error(404, "ARI URLs do not end with a slash. Try " + path.TrimEnd('/'));
            var segments = path.Split('/');
            var match = _router.Find(method, segments);
            if (match.Allowed.Count == 0)
                return EmulatorResponse.Error(404, "Resource not found");
            // The event socket itself cannot be opened over a socket (not captured from Asterisk).
            if (match.Handler is null || (segments.Length == 1 && segments[0] == "events"))
                return EmulatorResponse.Error(405, "Invalid method");
            if (socket.ReadOnly && method != "GET")
                return EmulatorResponse.Error(403, "Write access denied");

            // Asterisk's documented precedence: the first of the uri's query, query_strings and a form body wins;
            // a JSON body overrides them all.
            var request = new EmulatorRequest { Method = method, PathParams = match.PathParams, UserName = socket.UserName };
            void AddFirst(string name, string value)
            {
                if (!request.Params.ContainsKey(name)) request.Params[name] = value;
            }
            foreach (var pair in ParseForm(query))
                AddFirst(pair.Key, pair.Value);
            if (frame.TryGetProperty("query_strings", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var item in list.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                        && item.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String)
                        AddFirst(n.GetString()!, v.GetString()!);
            if (body != null && (contentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pair in ParseForm(body))
                    AddFirst(pair.Key, pair.Value);
            }
            else if (body != null && !ReadBody(Encoding.UTF8.GetBytes(body), contentType, request))
            {
                return EmulatorResponse.Error(400, "Error parsing request body");
            }
            EmulatorResponse response;
            try
            {
                response = match.Handler(request);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // Over HTTP this drops the connection; here it must not end the socket's reader.
                return EmulatorResponse.Error(500, e.Message);
            }
            // Frames are text: Asterisk refuses to send a recording's audio over the socket.
            if (response.ContentType != null && response.ContentType != "application/json")
                return new EmulatorResponse { Status = 406 };
            return response;
        }

        /// <summary>A RESTResponse in Asterisk's key order; content_type and message_body only when there is a body.</summary>
        private byte[] RestResponse(EventSocket socket, string transaction, string id, int status, string reason, string uri, EmulatorResponse? response) =>
            EmulatorJson.Object(w =>
            {
                w.WriteString("type", "RESTResponse");
                w.WriteString("transaction_id", transaction);
                w.WriteString("request_id", id);
                w.WriteNumber("status_code", status);
                w.WriteString("reason_phrase", reason);
                w.WriteString("uri", uri);
                if (response != null && response.Body.Length > 0)
                {
                    w.WriteString("content_type", response.ContentType);
                    w.WriteString("message_body", Encoding.UTF8.GetString(response.Body));
                }
                w.WriteString("application", socket.Apps[0]);
                w.WriteString("timestamp", EmulatorJson.Timestamp(DateTimeOffset.UtcNow));
                w.WriteString("asterisk_id", EntityId);
            });
    }
}
