using System.Text.Json.Serialization;

namespace PSAri.Model
{
    /// <summary>Media playing to a channel or bridge.</summary>
    public sealed class Playback : AriObject
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("media_uri")] public string MediaUri { get; set; } = "";
        [JsonPropertyName("next_media_uri")] public string? NextMediaUri { get; set; }
        [JsonPropertyName("target_uri")] public string TargetUri { get; set; } = "";
        [JsonPropertyName("language")] public string? Language { get; set; }
        [JsonPropertyName("state")] public string State { get; set; } = "";

        public override string ToString() => Id;
    }
}
