using System;
using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>Base of events that concern one channel; ChannelId lets cmdlets bind it from the pipeline.</summary>
    public abstract class ChannelEvent : AriEvent
    {
        [JsonPropertyName("channel")] public Channel? Channel { get; set; }

        [JsonIgnore] public string? ChannelId => Channel?.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Channel?.Attach(connection);
        }
    }

    /// <summary>A channel entered a Stasis application.</summary>
    public sealed class StasisStartEvent : ChannelEvent
    {
        [JsonPropertyName("args"), JsonPropertyOrder(-1)] public string[] Args { get; set; } = Array.Empty<string>();
        [JsonPropertyName("replace_channel")] public Channel? ReplaceChannel { get; set; }

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            ReplaceChannel?.Attach(connection);
        }
    }

    /// <summary>A channel left a Stasis application.</summary>
    public sealed class StasisEndEvent : ChannelEvent { }

    /// <summary>Someone asked for a channel to be hung up.</summary>
    public sealed class ChannelHangupRequestEvent : ChannelEvent
    {
        [JsonPropertyName("cause"), JsonPropertyOrder(-200)] public int? Cause { get; set; }
        [JsonPropertyName("soft"), JsonPropertyOrder(-199)] public bool? Soft { get; set; }
    }
}
