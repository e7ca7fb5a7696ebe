using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>The state of a device (for example Stasis:NAME); states are upper-case.</summary>
    public sealed class DeviceState : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        /// <summary>UNKNOWN, NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE or ONHOLD.</summary>
        [JsonPropertyName("state")] public string State { get; set; } = "";

        public override string ToString() => Name;
    }

    /// <summary>An endpoint (technology/resource, for example PJSIP/alice) and its channels.</summary>
    public sealed class Endpoint : AriObject
    {
        [JsonPropertyName("technology")] public string Technology { get; set; } = "";
        [JsonPropertyName("resource")] public string Resource { get; set; } = "";
        /// <summary>unknown, offline or online.</summary>
        [JsonPropertyName("state")] public string? State { get; set; }
        [JsonPropertyName("channel_ids")] public string[] ChannelIds { get; set; } = Array.Empty<string>();

        /// <summary>"technology/resource", the form ARI paths use.</summary>
        [JsonIgnore] public string Id => Technology + "/" + Resource;

        public override string ToString() => Id;
    }

    /// <summary>A text message to or from an endpoint.</summary>
    public sealed class TextMessage : AriObject
    {
        [JsonPropertyName("from")] public string From { get; set; } = "";
        [JsonPropertyName("to")] public string To { get; set; } = "";
        [JsonPropertyName("body")] public string Body { get; set; } = "";
        /// <summary>Technology-specific key/value pairs.</summary>
        [JsonPropertyName("variables")] public Dictionary<string, string>? Variables { get; set; }

        public override string ToString() => Body;
    }

    /// <summary>A mailbox and its message counts.</summary>
    public sealed class Mailbox : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("old_messages")] public int OldMessages { get; set; }
        [JsonPropertyName("new_messages")] public int NewMessages { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>A sound file known to Asterisk and the languages/formats it exists in.</summary>
    public sealed class Sound : AriObject
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("text")] public string? Text { get; set; }
        [JsonPropertyName("formats")] public FormatLangPair[] Formats { get; set; } = Array.Empty<FormatLangPair>();

        public override string ToString() => Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            foreach (var f in Formats ?? Array.Empty<FormatLangPair>()) f?.Attach(connection);
        }
    }

    /// <summary>One language and format a sound exists in.</summary>
    public sealed class FormatLangPair : AriObject
    {
        [JsonPropertyName("language")] public string Language { get; set; } = "";
        [JsonPropertyName("format")] public string Format { get; set; } = "";

        public override string ToString() => $"{Language}:{Format}";
    }
}
