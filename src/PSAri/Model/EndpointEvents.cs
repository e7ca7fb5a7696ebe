using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>Base of events that concern one endpoint; EndpointId ("tech/resource") binds from the pipeline.</summary>
    public abstract class EndpointEvent : AriEvent
    {
        [JsonPropertyName("endpoint")] public Endpoint? Endpoint { get; set; }

        [JsonIgnore] public string? EndpointId => Endpoint?.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Endpoint?.Attach(connection);
        }
    }

    /// <summary>An endpoint's state changed.</summary>
    public sealed class EndpointStateChangeEvent : EndpointEvent { }

    /// <summary>A contact of an endpoint changed status.</summary>
    public sealed class ContactStatusChangeEvent : EndpointEvent
    {
        [JsonPropertyName("contact_info"), JsonPropertyOrder(1)] public ContactInfo ContactInfo { get; set; } = new ContactInfo();

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            ContactInfo?.Attach(connection);
        }
    }

    /// <summary>A peer of an endpoint changed status.</summary>
    public sealed class PeerStatusChangeEvent : EndpointEvent
    {
        [JsonPropertyName("peer"), JsonPropertyOrder(1)] public Peer Peer { get; set; } = new Peer();

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Peer?.Attach(connection);
        }
    }

    /// <summary>A text message arrived (Endpoint, when known, is the sender's).</summary>
    public sealed class TextMessageReceivedEvent : EndpointEvent
    {
        [JsonPropertyName("message"), JsonPropertyOrder(-1)] public TextMessage Message { get; set; } = new TextMessage();

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Message?.Attach(connection);
        }
    }
}
