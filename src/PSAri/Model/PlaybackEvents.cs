using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>Base of events that concern one playback.</summary>
    public abstract class PlaybackEvent : AriEvent
    {
        [JsonPropertyName("playback")] public Playback Playback { get; set; } = new Playback();

        [JsonIgnore] public string PlaybackId => Playback.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Playback?.Attach(connection);
        }
    }

    /// <summary>A playback started (also after unpause).</summary>
    public sealed class PlaybackStartedEvent : PlaybackEvent { }

    /// <summary>One item of a media list finished and the next begins.</summary>
    public sealed class PlaybackContinuingEvent : PlaybackEvent { }

    /// <summary>A playback ended: state done (played or stopped) or failed.</summary>
    public sealed class PlaybackFinishedEvent : PlaybackEvent { }
}
