using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PSAri.Model;

namespace PSAri.Json
{
    /// <summary>Turns one WebSocket text frame into a typed message: finds "type" (not always the first key),
    /// then deserializes with that type's source-generated metadata. Unknown types become a plain AriEvent
    /// that keeps every field.</summary>
    internal static class AriEventParser
    {
        // Getters, not the JsonTypeInfos themselves: building all ~45 at the first event cost ~150 ms of a fresh
        // process (bench: stream, start-up); the context caches each one on first use.
        private static readonly Dictionary<string, Func<AriJsonContext, JsonTypeInfo>> TypeInfoByName = Build();

        private static Dictionary<string, Func<AriJsonContext, JsonTypeInfo>> Build()
        {
            var map = new Dictionary<string, Func<AriJsonContext, JsonTypeInfo>>(StringComparer.Ordinal)
            {
                ["MissingParams"] = c => c.MissingParamsMessage,
                ["DeviceStateChanged"] = c => c.DeviceStateChangedEvent,
                ["PlaybackStarted"] = c => c.PlaybackStartedEvent,
                ["PlaybackContinuing"] = c => c.PlaybackContinuingEvent,
                ["PlaybackFinished"] = c => c.PlaybackFinishedEvent,
                ["RecordingStarted"] = c => c.RecordingStartedEvent,
                ["RecordingFinished"] = c => c.RecordingFinishedEvent,
                ["RecordingFailed"] = c => c.RecordingFailedEvent,
                ["ApplicationMoveFailed"] = c => c.ApplicationMoveFailedEvent,
                ["ApplicationRegistered"] = c => c.ApplicationRegisteredEvent,
                ["ApplicationUnregistered"] = c => c.ApplicationUnregisteredEvent,
                ["ApplicationReplaced"] = c => c.ApplicationReplacedEvent,
                ["BridgeCreated"] = c => c.BridgeCreatedEvent,
                ["BridgeDestroyed"] = c => c.BridgeDestroyedEvent,
                ["BridgeMerged"] = c => c.BridgeMergedEvent,
                ["BridgeBlindTransfer"] = c => c.BridgeBlindTransferEvent,
                ["BridgeAttendedTransfer"] = c => c.BridgeAttendedTransferEvent,
                ["BridgeVideoSourceChanged"] = c => c.BridgeVideoSourceChangedEvent,
                ["ChannelCreated"] = c => c.ChannelCreatedEvent,
                ["ChannelDestroyed"] = c => c.ChannelDestroyedEvent,
                ["ChannelEnteredBridge"] = c => c.ChannelEnteredBridgeEvent,
                ["ChannelLeftBridge"] = c => c.ChannelLeftBridgeEvent,
                ["ChannelStateChange"] = c => c.ChannelStateChangeEvent,
                ["ChannelDtmfReceived"] = c => c.ChannelDtmfReceivedEvent,
                ["ChannelDialplan"] = c => c.ChannelDialplanEvent,
                ["ChannelCallerId"] = c => c.ChannelCallerIdEvent,
                ["ChannelUserevent"] = c => c.ChannelUsereventEvent,
                ["ChannelHangupRequest"] = c => c.ChannelHangupRequestEvent,
                ["ChannelVarset"] = c => c.ChannelVarsetEvent,
                ["ChannelToneDetected"] = c => c.ChannelToneDetectedEvent,
                ["ChannelTalkingStarted"] = c => c.ChannelTalkingStartedEvent,
                ["ChannelTalkingFinished"] = c => c.ChannelTalkingFinishedEvent,
                ["ChannelHold"] = c => c.ChannelHoldEvent,
                ["ChannelUnhold"] = c => c.ChannelUnholdEvent,
                ["ContactStatusChange"] = c => c.ContactStatusChangeEvent,
                ["EndpointStateChange"] = c => c.EndpointStateChangeEvent,
                ["Dial"] = c => c.DialEvent,
                ["StasisEnd"] = c => c.StasisEndEvent,
                ["StasisStart"] = c => c.StasisStartEvent,
                ["TextMessageReceived"] = c => c.TextMessageReceivedEvent,
                ["ChannelConnectedLine"] = c => c.ChannelConnectedLineEvent,
                ["PeerStatusChange"] = c => c.PeerStatusChangeEvent,
                ["ChannelTransfer"] = c => c.ChannelTransferEvent,
                ["RESTResponse"] = c => c.RestResponseEvent,
                ["CallBroadcast"] = c => c.CallBroadcastEvent,
                ["CallClaimed"] = c => c.CallClaimedEvent,
            };
            return map;
        }

        /// <summary>The event types this build knows by name.</summary>
        internal static IEnumerable<string> KnownTypes => TypeInfoByName.Keys;

        /// <summary>Parses one frame. Throws <see cref="JsonException"/> when it is not a JSON object with a string "type".</summary>
        public static AriMessage Parse(ReadOnlySpan<byte> utf8)
        {
            var type = FindType(utf8);
            var info = TypeInfoByName.TryGetValue(type, out var known) ? known(AriJsonContext.Default) : AriJsonContext.Default.AriEvent;
            AriMessage? message;
            try
            {
                message = (AriMessage?)JsonSerializer.Deserialize(utf8, info);
            }
            catch (Exception e) when (e is InvalidOperationException || e is FormatException || e is OverflowException || e is ArgumentException)
            {
                // For example invalid UTF-8 inside a string: the reader reports it as InvalidOperationException.
                throw new JsonException($"The frame is not a valid {type} message: {e.Message}", e);
            }
            if (message is null)
                throw new JsonException("The frame is JSON null.");
            // A second "type" key (null or another name) would leave a message that is not what it was read as.
            if (!string.Equals(message.Type, type, StringComparison.Ordinal))
                throw new JsonException($"The frame has more than one \"type\" ({type}, then {message.Type ?? "null"}).");
            message.RawUtf8 = utf8.ToArray();
            return message;
        }

        private static string FindType(ReadOnlySpan<byte> utf8)
        {
            try
            {
                return FindTypeOrThrow(utf8);
            }
            catch (InvalidOperationException e)
            {
                // For example a key with a lone surrogate escape ("\ud800"): comparing it with "type" cannot unescape it.
                throw new JsonException("The frame has a key that is not valid JSON text: " + e.Message, e);
            }
        }

        private static string FindTypeOrThrow(ReadOnlySpan<byte> utf8)
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("An ARI message must be a JSON object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                        throw new JsonException("The \"type\" of an ARI message must be a string.");
                    try
                    {
                        return reader.GetString()!;
                    }
                    catch (InvalidOperationException e)
                    {
                        throw new JsonException("The \"type\" of an ARI message is not valid UTF-8.", e);
                    }
                }
                reader.Read();
                reader.Skip();
            }
            throw new JsonException("The ARI message has no \"type\".");
        }

        internal static string Describe(ReadOnlySpan<byte> utf8) =>
            utf8.Length <= 200 ? Encoding.UTF8.GetString(utf8.ToArray()) : Encoding.UTF8.GetString(utf8.Slice(0, 200).ToArray()) + "...";
    }
}
