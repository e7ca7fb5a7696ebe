using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using PSAri.Client;
using PSAri.Json;

namespace PSAri.Model
{
    /// <summary>Base of events that concern one channel; ChannelId lets cmdlets bind it from the pipeline.
    /// "channel" sits at order 0: fields Asterisk writes before it use negative orders, fields after it positive ones.</summary>
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
        /// <summary>The application arguments; empty when there are none.</summary>
        [JsonPropertyName("args"), JsonPropertyOrder(-1)] public string[] Args { get; set; } = Array.Empty<string>();
        [JsonPropertyName("replace_channel"), JsonPropertyOrder(1)] public Channel? ReplaceChannel { get; set; }

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            ReplaceChannel?.Attach(connection);
        }
    }

    /// <summary>A channel left a Stasis application.</summary>
    public sealed class StasisEndEvent : ChannelEvent { }

    /// <summary>Someone asked for a channel to be hung up. Asterisk writes cause and soft before "type".</summary>
    public sealed class ChannelHangupRequestEvent : ChannelEvent
    {
        [JsonPropertyName("cause"), JsonPropertyOrder(WireOrder.BeforeType)] public int? Cause { get; set; }
        [JsonPropertyName("soft"), JsonPropertyOrder(WireOrder.BeforeType + 1)] public bool? Soft { get; set; }
        [JsonPropertyName("tech_cause"), JsonPropertyOrder(WireOrder.BeforeType + 2)] public int? TechCause { get; set; }
    }

    /// <summary>A channel was created.</summary>
    public sealed class ChannelCreatedEvent : ChannelEvent { }

    /// <summary>A channel was destroyed, with the hangup cause.</summary>
    public sealed class ChannelDestroyedEvent : ChannelEvent
    {
        [JsonPropertyName("cause"), JsonPropertyOrder(-3)] public int Cause { get; set; }
        [JsonPropertyName("cause_txt"), JsonPropertyOrder(-2)] public string CauseText { get; set; } = "";
        [JsonPropertyName("tech_cause"), JsonPropertyOrder(-1)] public int? TechCause { get; set; }
    }

    /// <summary>A channel's state changed (Ring, Up ...).</summary>
    public sealed class ChannelStateChangeEvent : ChannelEvent { }

    /// <summary>A DTMF digit was received on a channel.</summary>
    public sealed class ChannelDtmfReceivedEvent : ChannelEvent
    {
        [JsonPropertyName("digit"), JsonPropertyOrder(-2)] public string Digit { get; set; } = "";
        [JsonPropertyName("duration_ms"), JsonPropertyOrder(-1)] public int DurationMs { get; set; }
    }

    /// <summary>A channel moved to another dialplan application.</summary>
    public sealed class ChannelDialplanEvent : ChannelEvent
    {
        [JsonPropertyName("dialplan_app"), JsonPropertyOrder(-2)] public string DialplanApp { get; set; } = "";
        [JsonPropertyName("dialplan_app_data"), JsonPropertyOrder(-1)] public string DialplanAppData { get; set; } = "";
    }

    /// <summary>A channel's caller id changed.</summary>
    public sealed class ChannelCallerIdEvent : ChannelEvent
    {
        [JsonPropertyName("caller_presentation"), JsonPropertyOrder(-2)] public int CallerPresentation { get; set; }
        [JsonPropertyName("caller_presentation_txt"), JsonPropertyOrder(-1)] public string CallerPresentationText { get; set; } = "";
    }

    /// <summary>A user event (UserEvent dialplan app or POST /events/user/NAME). UserEvent holds the variables
    /// plus eventname; values keep their JSON type (string, long, decimal, double, bool, null, nested
    /// dictionaries and object[] arrays).</summary>
    public sealed class ChannelUsereventEvent : ChannelEvent
    {
        [JsonPropertyName("eventname"), JsonPropertyOrder(-2)] public string EventName { get; set; } = "";
        [JsonPropertyName("userevent"), JsonPropertyOrder(-1), JsonConverter(typeof(AriUntypedObjectConverter))]
        public Dictionary<string, object?> UserEvent { get; set; } = new Dictionary<string, object?>();
        [JsonPropertyName("bridge"), JsonPropertyOrder(1)] public Bridge? Bridge { get; set; }
        [JsonPropertyName("endpoint"), JsonPropertyOrder(2)] public Endpoint? Endpoint { get; set; }

        [JsonIgnore] public string? BridgeId => Bridge?.Id;
        [JsonIgnore] public string? EndpointId => Endpoint?.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Bridge?.Attach(connection);
            Endpoint?.Attach(connection);
        }
    }

    /// <summary>A variable was set. Channel is null for global variables. Asterisk writes variable and value before "type".</summary>
    public sealed class ChannelVarsetEvent : ChannelEvent
    {
        [JsonPropertyName("variable"), JsonPropertyOrder(WireOrder.BeforeType)] public string Variable { get; set; } = "";
        [JsonPropertyName("value"), JsonPropertyOrder(WireOrder.BeforeType + 1)] public string Value { get; set; } = "";
    }

    /// <summary>A channel was put on hold (not raised for ARI's own hold).</summary>
    public sealed class ChannelHoldEvent : ChannelEvent
    {
        [JsonPropertyName("musicclass"), JsonPropertyOrder(1)] public string? MusicClass { get; set; }
    }

    /// <summary>A channel was taken off hold.</summary>
    public sealed class ChannelUnholdEvent : ChannelEvent { }

    /// <summary>A tone was detected on a channel.</summary>
    public sealed class ChannelToneDetectedEvent : ChannelEvent { }

    /// <summary>Talking started on a channel (TALK_DETECT).</summary>
    public sealed class ChannelTalkingStartedEvent : ChannelEvent { }

    /// <summary>Talking stopped on a channel (TALK_DETECT).</summary>
    public sealed class ChannelTalkingFinishedEvent : ChannelEvent
    {
        /// <summary>Milliseconds of talking.</summary>
        [JsonPropertyName("duration"), JsonPropertyOrder(1)] public int Duration { get; set; }
    }

    /// <summary>A channel's connected line changed.</summary>
    public sealed class ChannelConnectedLineEvent : ChannelEvent { }

    /// <summary>A channel entered a bridge.</summary>
    public sealed class ChannelEnteredBridgeEvent : ChannelEvent
    {
        [JsonPropertyName("bridge"), JsonPropertyOrder(-1)] public Bridge Bridge { get; set; } = new Bridge();

        [JsonIgnore] public string BridgeId => Bridge.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Bridge?.Attach(connection);
        }
    }

    /// <summary>A channel left a bridge.</summary>
    public sealed class ChannelLeftBridgeEvent : ChannelEvent
    {
        [JsonPropertyName("bridge"), JsonPropertyOrder(-1)] public Bridge Bridge { get; set; } = new Bridge();

        [JsonIgnore] public string BridgeId => Bridge.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Bridge?.Attach(connection);
        }
    }

    /// <summary>Moving a channel to another application failed (the channel stays in this one).</summary>
    public sealed class ApplicationMoveFailedEvent : ChannelEvent
    {
        [JsonPropertyName("destination"), JsonPropertyOrder(1)] public string Destination { get; set; } = "";
        [JsonPropertyName("args"), JsonPropertyOrder(2)] public string[] Args { get; set; } = Array.Empty<string>();
    }

    /// <summary>StasisBroadcast offers a call to matching applications; claim it with POST /events/claim.</summary>
    public sealed class CallBroadcastEvent : ChannelEvent
    {
        [JsonPropertyName("caller"), JsonPropertyOrder(1)] public string? Caller { get; set; }
        [JsonPropertyName("called"), JsonPropertyOrder(2)] public string? Called { get; set; }
    }

    /// <summary>A broadcast call was claimed; WinnerApp is the application that got it.</summary>
    public sealed class CallClaimedEvent : ChannelEvent
    {
        [JsonPropertyName("winner_app"), JsonPropertyOrder(1)] public string WinnerApp { get; set; } = "";
    }

    /// <summary>A blind transfer happened (Channel is the transferer).</summary>
    public sealed class BridgeBlindTransferEvent : ChannelEvent
    {
        [JsonPropertyName("replace_channel"), JsonPropertyOrder(1)] public Channel? ReplaceChannel { get; set; }
        [JsonPropertyName("transferee"), JsonPropertyOrder(2)] public Channel? Transferee { get; set; }
        [JsonPropertyName("exten"), JsonPropertyOrder(3)] public string Exten { get; set; } = "";
        [JsonPropertyName("context"), JsonPropertyOrder(4)] public string Context { get; set; } = "";
        [JsonPropertyName("result"), JsonPropertyOrder(5)] public string Result { get; set; } = "";
        [JsonPropertyName("is_external"), JsonPropertyOrder(6)] public bool IsExternal { get; set; }
        [JsonPropertyName("bridge"), JsonPropertyOrder(7)] public Bridge? Bridge { get; set; }

        [JsonIgnore] public string? BridgeId => Bridge?.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            ReplaceChannel?.Attach(connection);
            Transferee?.Attach(connection);
            Bridge?.Attach(connection);
        }
    }
}
