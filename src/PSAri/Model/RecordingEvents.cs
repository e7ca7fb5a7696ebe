using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>Base of events that concern one live recording; RecordingName binds from the pipeline.</summary>
    public abstract class RecordingEvent : AriEvent
    {
        [JsonPropertyName("recording")] public LiveRecording Recording { get; set; } = new LiveRecording();

        [JsonIgnore] public string RecordingName => Recording.Name;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Recording?.Attach(connection);
        }
    }

    /// <summary>A recording started.</summary>
    public sealed class RecordingStartedEvent : RecordingEvent { }

    /// <summary>A recording ended (stopped, cancelled, maximum length, hangup): state done.</summary>
    public sealed class RecordingFinishedEvent : RecordingEvent { }

    /// <summary>A recording failed.</summary>
    public sealed class RecordingFailedEvent : RecordingEvent { }
}
