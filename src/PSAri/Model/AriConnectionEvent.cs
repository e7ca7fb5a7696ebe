using System;
using System.Text.Json.Serialization;

namespace PSAri.Model
{
    /// <summary>Not an Asterisk event: PSAri writes it into the stream when the event socket dropped
    /// (Type "ConnectionLost") and when it is back (Type "ConnectionRestored"), so a script can resync.
    /// Asterisk keeps channels in the app while no socket is connected, but the events of the gap are lost.</summary>
    public sealed class AriConnectionEvent : AriEvent
    {
        public const string Lost = "ConnectionLost";
        public const string Restored = "ConnectionRestored";

        /// <summary>Why the socket dropped (ConnectionLost).</summary>
        [JsonIgnore] public string? Reason { get; set; }

        /// <summary>How long no events could arrive (ConnectionRestored).</summary>
        [JsonIgnore] public TimeSpan? Gap { get; set; }

        /// <summary>Connection attempts it took to come back (ConnectionRestored).</summary>
        [JsonIgnore] public int Attempts { get; set; }

        /// <summary>The apps as the server lists them after the gap: the channels and bridges still in them (ConnectionRestored).</summary>
        [JsonIgnore] public Application[] Applications { get; set; } = Array.Empty<Application>();

        internal override void Attach(PSAri.Client.AriConnection connection)
        {
            base.Attach(connection);
            foreach (var application in Applications) application.Attach(connection);
        }
    }
}
