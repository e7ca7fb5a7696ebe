using System.Text.Json.Serialization;

namespace PSAri.Model
{
    /// <summary>A recording in progress (or just finished). Cancelled recordings also end in state done.</summary>
    public sealed class LiveRecording : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("format")] public string Format { get; set; } = "";
        /// <summary>queued, recording, paused, done, failed or canceled.</summary>
        [JsonPropertyName("state")] public string State { get; set; } = "";
        [JsonPropertyName("target_uri")] public string TargetUri { get; set; } = "";
        /// <summary>Length in seconds, once finished.</summary>
        [JsonPropertyName("duration")] public int? Duration { get; set; }
        /// <summary>Seconds of talking; only when silence detection was asked for.</summary>
        [JsonPropertyName("talking_duration")] public int? TalkingDuration { get; set; }
        /// <summary>Seconds of silence; only when silence detection was asked for.</summary>
        [JsonPropertyName("silence_duration")] public int? SilenceDuration { get; set; }
        /// <summary>Why the recording failed, when it did.</summary>
        [JsonPropertyName("cause")] public string? Cause { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>A recording stored on the server. Names may contain '/' (subdirectories).</summary>
    public sealed class StoredRecording : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("format")] public string Format { get; set; } = "";

        public override string ToString() => Name;
    }
}
