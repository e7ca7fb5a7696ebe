using System.Collections.Generic;
using System.Text.Json.Serialization;
using PSAri.Model;

namespace PSAri.Json
{
    /// <summary>The one source-generated serializer context for every ARI model, event and list:
    /// no reflection at run time.</summary>
    [JsonSourceGenerationOptions(
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = new[] { typeof(AriTimestampConverter) })]
    [JsonSerializable(typeof(AriMessage))]
    [JsonSerializable(typeof(AriEvent))]
    [JsonSerializable(typeof(MissingParamsMessage))]
    [JsonSerializable(typeof(AsteriskInfo))]
    [JsonSerializable(typeof(Channel))]
    [JsonSerializable(typeof(Channel[]))]
    [JsonSerializable(typeof(Playback))]
    [JsonSerializable(typeof(StasisStartEvent))]
    [JsonSerializable(typeof(StasisEndEvent))]
    [JsonSerializable(typeof(ChannelHangupRequestEvent))]
    [JsonSerializable(typeof(PlaybackStartedEvent))]
    [JsonSerializable(typeof(PlaybackContinuingEvent))]
    [JsonSerializable(typeof(PlaybackFinishedEvent))]
    [JsonSerializable(typeof(AriErrorBody))]
    [JsonSerializable(typeof(Dictionary<string, string>))]
    internal partial class AriJsonContext : JsonSerializerContext
    {
    }
}
