using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PSAri.Model;

namespace PSAri.Json
{
    /// <summary>The one source-generated serializer context for every ARI model, event and list:
    /// no reflection at run time.</summary>
    /// <remarks>To write JSON that looks like Asterisk's byte for byte, use <see cref="Wire"/>.</remarks>
    [JsonSourceGenerationOptions(
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = new[] { typeof(AriTimestampConverter) })]
    [JsonSerializable(typeof(AriMessage))]
    [JsonSerializable(typeof(AriEvent))]
    [JsonSerializable(typeof(AriConnectionEvent))]
    [JsonSerializable(typeof(MissingParamsMessage))]
    [JsonSerializable(typeof(ApplicationMoveFailedEvent))]
    [JsonSerializable(typeof(ApplicationRegisteredEvent))]
    [JsonSerializable(typeof(ApplicationReplacedEvent))]
    [JsonSerializable(typeof(ApplicationUnregisteredEvent))]
    [JsonSerializable(typeof(BridgeAttendedTransferEvent))]
    [JsonSerializable(typeof(BridgeBlindTransferEvent))]
    [JsonSerializable(typeof(BridgeCreatedEvent))]
    [JsonSerializable(typeof(BridgeDestroyedEvent))]
    [JsonSerializable(typeof(BridgeMergedEvent))]
    [JsonSerializable(typeof(BridgeVideoSourceChangedEvent))]
    [JsonSerializable(typeof(CallBroadcastEvent))]
    [JsonSerializable(typeof(CallClaimedEvent))]
    [JsonSerializable(typeof(ChannelCallerIdEvent))]
    [JsonSerializable(typeof(ChannelConnectedLineEvent))]
    [JsonSerializable(typeof(ChannelCreatedEvent))]
    [JsonSerializable(typeof(ChannelDestroyedEvent))]
    [JsonSerializable(typeof(ChannelDialplanEvent))]
    [JsonSerializable(typeof(ChannelDtmfReceivedEvent))]
    [JsonSerializable(typeof(ChannelEnteredBridgeEvent))]
    [JsonSerializable(typeof(ChannelHangupRequestEvent))]
    [JsonSerializable(typeof(ChannelHoldEvent))]
    [JsonSerializable(typeof(ChannelLeftBridgeEvent))]
    [JsonSerializable(typeof(ChannelStateChangeEvent))]
    [JsonSerializable(typeof(ChannelTalkingFinishedEvent))]
    [JsonSerializable(typeof(ChannelTalkingStartedEvent))]
    [JsonSerializable(typeof(ChannelToneDetectedEvent))]
    [JsonSerializable(typeof(ChannelTransferEvent))]
    [JsonSerializable(typeof(ChannelUnholdEvent))]
    [JsonSerializable(typeof(ChannelUsereventEvent))]
    [JsonSerializable(typeof(ChannelVarsetEvent))]
    [JsonSerializable(typeof(ContactStatusChangeEvent))]
    [JsonSerializable(typeof(DeviceStateChangedEvent))]
    [JsonSerializable(typeof(DialEvent))]
    [JsonSerializable(typeof(EndpointStateChangeEvent))]
    [JsonSerializable(typeof(PeerStatusChangeEvent))]
    [JsonSerializable(typeof(PlaybackContinuingEvent))]
    [JsonSerializable(typeof(PlaybackFinishedEvent))]
    [JsonSerializable(typeof(PlaybackStartedEvent))]
    [JsonSerializable(typeof(RecordingFailedEvent))]
    [JsonSerializable(typeof(RecordingFinishedEvent))]
    [JsonSerializable(typeof(RecordingStartedEvent))]
    [JsonSerializable(typeof(RestResponseEvent))]
    [JsonSerializable(typeof(StasisEndEvent))]
    [JsonSerializable(typeof(StasisStartEvent))]
    [JsonSerializable(typeof(TextMessageReceivedEvent))]
    [JsonSerializable(typeof(Application))]
    [JsonSerializable(typeof(EventTypeFilter))]
    [JsonSerializable(typeof(AsteriskInfo))]
    [JsonSerializable(typeof(BuildInfo))]
    [JsonSerializable(typeof(SystemInfo))]
    [JsonSerializable(typeof(ConfigInfo))]
    [JsonSerializable(typeof(SetId))]
    [JsonSerializable(typeof(StatusInfo))]
    [JsonSerializable(typeof(AsteriskPing))]
    [JsonSerializable(typeof(AsteriskModule))]
    [JsonSerializable(typeof(LogChannel))]
    [JsonSerializable(typeof(Variable))]
    [JsonSerializable(typeof(VariableSet))]
    [JsonSerializable(typeof(ConfigTuple))]
    [JsonSerializable(typeof(Bridge))]
    [JsonSerializable(typeof(Channel))]
    [JsonSerializable(typeof(CallerId))]
    [JsonSerializable(typeof(DialplanCep))]
    [JsonSerializable(typeof(Dialed))]
    [JsonSerializable(typeof(RtpStat))]
    [JsonSerializable(typeof(DeviceState))]
    [JsonSerializable(typeof(Endpoint))]
    [JsonSerializable(typeof(TextMessage))]
    [JsonSerializable(typeof(Mailbox))]
    [JsonSerializable(typeof(Playback))]
    [JsonSerializable(typeof(LiveRecording))]
    [JsonSerializable(typeof(StoredRecording))]
    [JsonSerializable(typeof(Sound))]
    [JsonSerializable(typeof(FormatLangPair))]
    [JsonSerializable(typeof(ContactInfo))]
    [JsonSerializable(typeof(Peer))]
    [JsonSerializable(typeof(ReferTo))]
    [JsonSerializable(typeof(ReferredBy))]
    [JsonSerializable(typeof(RequiredDestination))]
    [JsonSerializable(typeof(AdditionalParam))]
    [JsonSerializable(typeof(RestHeader))]
    [JsonSerializable(typeof(RestQueryStringParameter))]
    [JsonSerializable(typeof(RestRequest))]
    [JsonSerializable(typeof(Application[]))]
    [JsonSerializable(typeof(ConfigTuple[]))]
    [JsonSerializable(typeof(AsteriskModule[]))]
    [JsonSerializable(typeof(LogChannel[]))]
    [JsonSerializable(typeof(Bridge[]))]
    [JsonSerializable(typeof(Channel[]))]
    [JsonSerializable(typeof(DeviceState[]))]
    [JsonSerializable(typeof(Endpoint[]))]
    [JsonSerializable(typeof(Mailbox[]))]
    [JsonSerializable(typeof(StoredRecording[]))]
    [JsonSerializable(typeof(Sound[]))]
    [JsonSerializable(typeof(AriErrorBody))]
    [JsonSerializable(typeof(Dictionary<string, string>))]
    internal partial class AriJsonContext : JsonSerializerContext
    {
        /// <summary>The same context with Asterisk's string escaping for WRITING: jansson escapes only what JSON
        /// requires ('"', '\\', control characters), while <see cref="Default"/> (System.Text.Json's default encoder)
        /// writes '+' (in every timestamp), '\'', '&lt;', '&gt;', '&amp;' and non-ASCII as \u escapes. Reading is the same with
        /// either. Use this one wherever the output should look like Asterisk's (the emulator, round trips).</summary>
        /// <remarks>Default's options cannot be changed: the generator builds them and they are locked once
        /// a context holds them, hence a second instance.</remarks>
        public static AriJsonContext Wire => s_wire ??= new AriJsonContext(
            new JsonSerializerOptions(s_defaultOptions!) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        // Built on first use, not in a field initializer: the generated s_defaultOptions lives in another part of
        // this partial class, whose initializers may run after ours.
        private static AriJsonContext? s_wire;
    }
}
