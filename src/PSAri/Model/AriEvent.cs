using System;
using System.Text;
using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>Any message on the ARI WebSocket. Known types deserialize to a subclass;
    /// unknown ones stay an <see cref="AriEvent"/> with their fields in UnknownProperties.</summary>
    public class AriMessage : AriObject
    {
        [JsonPropertyName("type"), JsonPropertyOrder(-100)]
        public string Type { get; set; } = "";

        [JsonPropertyName("asterisk_id"), JsonPropertyOrder(100)]
        public string? AsteriskId { get; set; }

        internal byte[]? RawUtf8;

        /// <summary>The frame exactly as it arrived (null for messages not read from a socket).</summary>
        [JsonIgnore]
        public string? Json => RawUtf8 is null ? null : Encoding.UTF8.GetString(RawUtf8);

        public override string ToString() => Type;
    }

    /// <summary>An ARI event: a message with a timestamp, delivered for one application.</summary>
    public class AriEvent : AriMessage
    {
        [JsonPropertyName("timestamp"), JsonPropertyOrder(-99)]
        public DateTimeOffset Timestamp { get; set; }

        [JsonPropertyName("application"), JsonPropertyOrder(101)]
        public string Application { get; set; } = "";
    }

    /// <summary>Sent when a request is missing required parameters.</summary>
    public sealed class MissingParamsMessage : AriMessage
    {
        [JsonPropertyName("params")]
        public string[] Params { get; set; } = Array.Empty<string>();
    }
}
