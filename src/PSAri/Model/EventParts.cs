using System;
using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>A SIP contact's reachability (ContactStatusChange).</summary>
    public sealed class ContactInfo : AriObject
    {
        [JsonPropertyName("uri")] public string Uri { get; set; } = "";
        /// <summary>Unreachable, Reachable, Unknown, NonQualified or Removed.</summary>
        [JsonPropertyName("contact_status")] public string ContactStatus { get; set; } = "";
        [JsonPropertyName("aor")] public string Aor { get; set; } = "";
        [JsonPropertyName("roundtrip_usec")] public string? RoundtripUsec { get; set; }

        public override string ToString() => Uri;
    }

    /// <summary>A peer's status (PeerStatusChange).</summary>
    public sealed class Peer : AriObject
    {
        [JsonPropertyName("peer_status")] public string PeerStatus { get; set; } = "";
        [JsonPropertyName("cause")] public string? Cause { get; set; }
        [JsonPropertyName("address")] public string? Address { get; set; }
        [JsonPropertyName("port")] public string? Port { get; set; }
        [JsonPropertyName("time")] public string? Time { get; set; }

        public override string ToString() => PeerStatus;
    }

    /// <summary>Where a transfer (REFER) asks the call to go.</summary>
    public sealed class ReferTo : AriObject
    {
        [JsonPropertyName("requested_destination")] public RequiredDestination RequestedDestination { get; set; } = new RequiredDestination();
        [JsonPropertyName("destination_channel")] public Channel? DestinationChannel { get; set; }
        [JsonPropertyName("connected_channel")] public Channel? ConnectedChannel { get; set; }
        [JsonPropertyName("bridge")] public Bridge? Bridge { get; set; }

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            RequestedDestination?.Attach(connection);
            DestinationChannel?.Attach(connection);
            ConnectedChannel?.Attach(connection);
            Bridge?.Attach(connection);
        }
    }

    /// <summary>Who asked for a transfer (REFER).</summary>
    public sealed class ReferredBy : AriObject
    {
        [JsonPropertyName("source_channel")] public Channel SourceChannel { get; set; } = new Channel();
        [JsonPropertyName("connected_channel")] public Channel? ConnectedChannel { get; set; }
        [JsonPropertyName("bridge")] public Bridge? Bridge { get; set; }

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            SourceChannel?.Attach(connection);
            ConnectedChannel?.Attach(connection);
            Bridge?.Attach(connection);
        }
    }

    /// <summary>The destination a transfer asked for, as the protocol gave it.</summary>
    public sealed class RequiredDestination : AriObject
    {
        [JsonPropertyName("protocol_id")] public string? ProtocolId { get; set; }
        [JsonPropertyName("destination")] public string? Destination { get; set; }
        [JsonPropertyName("additional_protocol_params")] public AdditionalParam[]? AdditionalProtocolParams { get; set; }

        public override string ToString() => Destination ?? "";

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            foreach (var p in AdditionalProtocolParams ?? Array.Empty<AdditionalParam>()) p?.Attach(connection);
        }
    }

    /// <summary>A protocol parameter of a transfer request.</summary>
    public sealed class AdditionalParam : AriObject
    {
        [JsonPropertyName("parameter_name")] public string ParameterName { get; set; } = "";
        [JsonPropertyName("parameter_value")] public string ParameterValue { get; set; } = "";

        public override string ToString() => $"{ParameterName}={ParameterValue}";
    }

    /// <summary>An HTTP header of a REST-over-WebSocket request or response.</summary>
    public sealed class RestHeader : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("value")] public string Value { get; set; } = "";

        public override string ToString() => $"{Name}: {Value}";
    }

    /// <summary>A query string parameter of a REST-over-WebSocket request.</summary>
    public sealed class RestQueryStringParameter : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("value")] public string Value { get; set; } = "";

        public override string ToString() => $"{Name}={Value}";
    }

    /// <summary>A REST request sent over the events WebSocket (type "RESTRequest"); Asterisk answers with a
    /// RestResponseEvent carrying the same ids. The uri is relative, without a leading slash (asterisk/ping).</summary>
    public sealed class RestRequest : AriObject
    {
        [JsonPropertyName("type")] public string Type { get; set; } = "RESTRequest";
        [JsonPropertyName("transaction_id")] public string TransactionId { get; set; } = "";
        [JsonPropertyName("request_id")] public string RequestId { get; set; } = "";
        [JsonPropertyName("method")] public string Method { get; set; } = "";
        [JsonPropertyName("uri")] public string Uri { get; set; } = "";
        [JsonPropertyName("query_strings")] public RestQueryStringParameter[]? QueryStrings { get; set; }
        [JsonPropertyName("content_type")] public string? ContentType { get; set; }
        /// <summary>The request body as text (JSON is sent as a string).</summary>
        [JsonPropertyName("message_body")] public string? MessageBody { get; set; }

        public override string ToString() => $"{Method} {Uri}";

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            foreach (var q in QueryStrings ?? Array.Empty<RestQueryStringParameter>()) q?.Attach(connection);
        }
    }
}
