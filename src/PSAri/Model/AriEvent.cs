using System;
using System.Text;
using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>Positions (JsonPropertyOrder values) that put the common message keys where Asterisk writes them:
    /// type and timestamp first, the event's own fields (order 0 and small values) in between, asterisk_id and
    /// application last. Events whose keys arrive in another order place their fields around these values.</summary>
    internal static class WireOrder
    {
        /// <summary>Fields Asterisk writes before "type" (ChannelVarset, ChannelHangupRequest).</summary>
        public const int BeforeType = -2000;
        public const int Type = -1000;
        /// <summary>Fields written between "type" and "timestamp" (RESTResponse, DeviceStateChanged).</summary>
        public const int AfterType = -990;
        public const int Timestamp = -900;
        public const int AsteriskId = 1000;
        public const int Application = 1001;
    }

    /// <summary>Any message on the ARI WebSocket. Known types deserialize to a subclass;
    /// unknown ones stay an <see cref="AriEvent"/> with their fields in UnknownProperties.</summary>
    public class AriMessage : AriObject
    {
        [JsonPropertyName("type"), JsonPropertyOrder(WireOrder.Type)]
        public string Type { get; set; } = "";

        [JsonPropertyName("asterisk_id"), JsonPropertyOrder(WireOrder.AsteriskId)]
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
        private string _application = "";

        [JsonPropertyName("timestamp"), JsonPropertyOrder(WireOrder.Timestamp)]
        public DateTimeOffset Timestamp { get; set; }

        /// <summary>The Stasis application the event was delivered for.</summary>
        [JsonPropertyName("application"), JsonPropertyOrder(WireOrder.Application)]
        public virtual string Application { get => _application; set => _application = value; }
    }

    /// <summary>Sent when a request is missing required parameters (a message, not an event: no timestamp).</summary>
    public sealed class MissingParamsMessage : AriMessage
    {
        [JsonPropertyName("params")]
        public string[] Params { get; set; } = Array.Empty<string>();
    }
}
