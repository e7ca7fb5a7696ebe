using System;
using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>A Stasis application and what it is subscribed to.</summary>
    public sealed class Application : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("channel_ids")] public string[] ChannelIds { get; set; } = Array.Empty<string>();
        [JsonPropertyName("bridge_ids")] public string[] BridgeIds { get; set; } = Array.Empty<string>();
        [JsonPropertyName("endpoint_ids")] public string[] EndpointIds { get; set; } = Array.Empty<string>();
        [JsonPropertyName("device_names")] public string[] DeviceNames { get; set; } = Array.Empty<string>();
        /// <summary>The event filter's allow list (empty: everything allowed).</summary>
        [JsonPropertyName("events_allowed")] public EventTypeFilter[] EventsAllowed { get; set; } = Array.Empty<EventTypeFilter>();
        /// <summary>The event filter's deny list.</summary>
        [JsonPropertyName("events_disallowed")] public EventTypeFilter[] EventsDisallowed { get; set; } = Array.Empty<EventTypeFilter>();

        public override string ToString() => Name;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            foreach (var f in EventsAllowed ?? Array.Empty<EventTypeFilter>()) f?.Attach(connection);
            foreach (var f in EventsDisallowed ?? Array.Empty<EventTypeFilter>()) f?.Attach(connection);
        }
    }

    /// <summary>One entry of an application's event filter: {"type": "EventName"}.</summary>
    public sealed class EventTypeFilter : AriObject
    {
        [JsonPropertyName("type")] public string Type { get; set; } = "";

        public override string ToString() => Type;
    }
}
