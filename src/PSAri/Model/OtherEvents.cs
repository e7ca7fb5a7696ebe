using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>A subscribed device changed state. Asterisk writes application right after type.</summary>
    public sealed class DeviceStateChangedEvent : AriEvent
    {
        [JsonPropertyName("application"), JsonPropertyOrder(WireOrder.AfterType + 40)]
        public override string Application { get => base.Application; set => base.Application = value; }

        [JsonPropertyName("device_state")] public DeviceState DeviceState { get; set; } = new DeviceState();

        [JsonIgnore] public string DeviceName => DeviceState.Name;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            DeviceState?.Attach(connection);
        }
    }

    /// <summary>An application was registered.</summary>
    public sealed class ApplicationRegisteredEvent : AriEvent { }

    /// <summary>An application was unregistered.</summary>
    public sealed class ApplicationUnregisteredEvent : AriEvent { }

    /// <summary>Another WebSocket registered the same application: this socket gets nothing more (it stays open).
    /// Asterisk writes application right after timestamp.</summary>
    public sealed class ApplicationReplacedEvent : AriEvent
    {
        [JsonPropertyName("application"), JsonPropertyOrder(0)]
        public override string Application { get => base.Application; set => base.Application = value; }
    }

    /// <summary>Dialing state changed. ChannelId is the peer (the channel being dialed).</summary>
    public sealed class DialEvent : AriEvent
    {
        /// <summary>Empty while dialing, then ANSWER, BUSY, NOANSWER, CANCEL ...</summary>
        [JsonPropertyName("dialstatus"), JsonPropertyOrder(-5)] public string DialStatus { get; set; } = "";
        [JsonPropertyName("forward"), JsonPropertyOrder(-4)] public string? Forward { get; set; }
        [JsonPropertyName("dialstring"), JsonPropertyOrder(-3)] public string? DialString { get; set; }
        [JsonPropertyName("caller"), JsonPropertyOrder(-2)] public Channel? Caller { get; set; }
        [JsonPropertyName("peer"), JsonPropertyOrder(-1)] public Channel Peer { get; set; } = new Channel();
        [JsonPropertyName("forwarded"), JsonPropertyOrder(0)] public Channel? Forwarded { get; set; }

        [JsonIgnore] public string ChannelId => Peer.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Caller?.Attach(connection);
            Peer?.Attach(connection);
            Forwarded?.Attach(connection);
        }
    }

    /// <summary>A transfer (REFER) was requested on a channel. ChannelId is the referring channel.</summary>
    public sealed class ChannelTransferEvent : AriEvent
    {
        [JsonPropertyName("state")] public string? State { get; set; }
        [JsonPropertyName("refer_to")] public ReferTo ReferTo { get; set; } = new ReferTo();
        [JsonPropertyName("referred_by")] public ReferredBy ReferredBy { get; set; } = new ReferredBy();

        [JsonIgnore] public string? ChannelId => ReferredBy?.SourceChannel?.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            ReferTo?.Attach(connection);
            ReferredBy?.Attach(connection);
        }
    }

    /// <summary>The answer to a RestRequest sent over the WebSocket (type "RESTResponse"). MessageBody is the
    /// response body as text (absent on 204). Asterisk writes the fields and application before timestamp.</summary>
    public sealed class RestResponseEvent : AriEvent
    {
        [JsonPropertyName("transaction_id"), JsonPropertyOrder(WireOrder.AfterType)] public string TransactionId { get; set; } = "";
        [JsonPropertyName("request_id"), JsonPropertyOrder(WireOrder.AfterType + 1)] public string RequestId { get; set; } = "";
        [JsonPropertyName("status_code"), JsonPropertyOrder(WireOrder.AfterType + 2)] public int StatusCode { get; set; }
        [JsonPropertyName("reason_phrase"), JsonPropertyOrder(WireOrder.AfterType + 3)] public string ReasonPhrase { get; set; } = "";
        [JsonPropertyName("uri"), JsonPropertyOrder(WireOrder.AfterType + 4)] public string Uri { get; set; } = "";
        [JsonPropertyName("content_type"), JsonPropertyOrder(WireOrder.AfterType + 5)] public string? ContentType { get; set; }
        [JsonPropertyName("message_body"), JsonPropertyOrder(WireOrder.AfterType + 6)] public string? MessageBody { get; set; }

        [JsonPropertyName("application"), JsonPropertyOrder(WireOrder.AfterType + 40)]
        public override string Application { get => base.Application; set => base.Application = value; }
    }
}
