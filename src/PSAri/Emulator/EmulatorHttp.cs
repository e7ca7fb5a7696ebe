using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PSAri.Emulator
{
    /// <summary>What a route handler sees of an HTTP request: path parameters (decoded), parameters from the
    /// query string and the body (last one wins, as in Asterisk), and who asked.</summary>
    internal sealed class EmulatorRequest
    {
        public string Method { get; set; } = "GET";
        public Dictionary<string, string> PathParams { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public Dictionary<string, string> Params { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public string UserName { get; set; } = "";

        public string Path(string name) => PathParams[name];

        /// <summary>A query or body parameter; null when absent.</summary>
        public string? Param(string name) => Params.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>A response in Asterisk's shape: status, optional body and content type, extra headers.</summary>
    internal sealed class EmulatorResponse
    {
        public int Status { get; set; }
        public byte[] Body { get; set; } = Array.Empty<byte>();
        public string? ContentType { get; set; }
        public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        public EmulatorResponse WithHeader(string name, string value)
        {
            Headers.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public static EmulatorResponse NoContent() => new EmulatorResponse { Status = 204 };

        public static EmulatorResponse Json<T>(int status, T value, JsonTypeInfo<T> info) =>
            Raw(status, JsonSerializer.SerializeToUtf8Bytes(value, info));

        public static EmulatorResponse Raw(int status, byte[] json) =>
            new EmulatorResponse { Status = status, Body = json, ContentType = "application/json" };

        /// <summary>ARI's usual error body, {"message":"..."}.</summary>
        public static EmulatorResponse Error(int status, string message) =>
            Raw(status, EmulatorJson.Object(w => w.WriteString("message", message)));

        /// <summary>The HTML page Asterisk's HTTP server answers outside the ARI handlers.</summary>
        public static EmulatorResponse Html(int status, string title, string text) =>
            new EmulatorResponse
            {
                Status = status,
                ContentType = "text/html",
                Body = Encoding.UTF8.GetBytes(
                    "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n<html><head>\r\n<title>" + status + " " + title
                    + "</title>\r\n</head><body>\r\n<h1>" + title + "</h1>\r\n<p>" + text
                    + "</p>\r\n<hr />\r\n<address>" + AriEmulator.ServerHeader + "</address>\r\n</body></html>\r\n"),
            };
    }

    /// <summary>Hand-written JSON for shapes the Model has no class for yet (ping, Application,
    /// ApplicationReplaced). Replace each with the model class once it exists.</summary>
    internal static class EmulatorJson
    {
        public static byte[] Object(Action<Utf8JsonWriter> body) => Value(w =>
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        });

        public static byte[] Array(Action<Utf8JsonWriter> items) => Value(w =>
        {
            w.WriteStartArray();
            items(w);
            w.WriteEndArray();
        });

        /// <summary>Compact JSON, escaped like Asterisk's (see <see cref="AriEmulator.Encoder"/>).</summary>
        public static byte[] Value(Action<Utf8JsonWriter> write)
        {
            using var stream = new System.IO.MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = AriEmulator.Encoder }))
                write(w);
            return stream.ToArray();
        }

        public static string Timestamp(DateTimeOffset t) =>
            t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + "+0000";

        public static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
        {
            w.WriteStartArray(name);
            foreach (var v in values)
                w.WriteStringValue(v);
            w.WriteEndArray();
        }
    }
}
