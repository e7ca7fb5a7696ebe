using System.Text.Json.Serialization;

namespace PSAri.Json
{
    /// <summary>ARI's error body: {"message": ...} mostly, {"error": ...} on failed originates.</summary>
    internal sealed class AriErrorBody
    {
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }
    }
}
