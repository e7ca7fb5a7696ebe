using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace PSAri.Model
{
    /// <summary>A bridge: channels mixed (or held) together. Technology can change during its life
    /// (simple_bridge with two channels, softmix with more).</summary>
    public sealed class Bridge : AriObject
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("technology")] public string Technology { get; set; } = "";
        /// <summary>mixing or holding.</summary>
        [JsonPropertyName("bridge_type")] public string BridgeType { get; set; } = "";
        [JsonPropertyName("bridge_class")] public string BridgeClass { get; set; } = "";
        [JsonPropertyName("creator")] public string Creator { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        /// <summary>Ids of the channels in the bridge.</summary>
        [JsonPropertyName("channels")] public string[] ChannelIds { get; set; } = Array.Empty<string>();
        [JsonPropertyName("creationtime")] public DateTimeOffset CreationTime { get; set; }
        [JsonPropertyName("video_mode")] public string? VideoMode { get; set; }
        [JsonPropertyName("video_source_id")] public string? VideoSourceId { get; set; }
        [JsonPropertyName("bridgevars")] public Dictionary<string, string>? BridgeVars { get; set; }

        public override string ToString() => Id;
    }
}
