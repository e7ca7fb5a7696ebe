using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>Base of events that concern one bridge; BridgeId binds from the pipeline.</summary>
    public abstract class BridgeEvent : AriEvent
    {
        [JsonPropertyName("bridge")] public Bridge Bridge { get; set; } = new Bridge();

        [JsonIgnore] public string BridgeId => Bridge.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Bridge?.Attach(connection);
        }
    }

    /// <summary>A bridge was created (not sent for bridges created through ARI).</summary>
    public sealed class BridgeCreatedEvent : BridgeEvent { }

    /// <summary>A bridge was destroyed (only while the application is subscribed to it).</summary>
    public sealed class BridgeDestroyedEvent : BridgeEvent { }

    /// <summary>Bridge BridgeFrom was merged into Bridge.</summary>
    public sealed class BridgeMergedEvent : BridgeEvent
    {
        [JsonPropertyName("bridge_from"), JsonPropertyOrder(1)] public Bridge BridgeFrom { get; set; } = new Bridge();

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            BridgeFrom?.Attach(connection);
        }
    }

    /// <summary>The video source of a single-source video bridge changed.</summary>
    public sealed class BridgeVideoSourceChangedEvent : BridgeEvent
    {
        [JsonPropertyName("old_video_source_id"), JsonPropertyOrder(1)] public string? OldVideoSourceId { get; set; }
    }

    /// <summary>An attended transfer happened. ChannelId is the transferer's first leg.</summary>
    public sealed class BridgeAttendedTransferEvent : AriEvent
    {
        [JsonPropertyName("transferer_first_leg")] public Channel TransfererFirstLeg { get; set; } = new Channel();
        [JsonPropertyName("transferer_second_leg")] public Channel TransfererSecondLeg { get; set; } = new Channel();
        [JsonPropertyName("replace_channel")] public Channel? ReplaceChannel { get; set; }
        [JsonPropertyName("transferee")] public Channel? Transferee { get; set; }
        [JsonPropertyName("transfer_target")] public Channel? TransferTarget { get; set; }
        [JsonPropertyName("result")] public string Result { get; set; } = "";
        [JsonPropertyName("is_external")] public bool IsExternal { get; set; }
        [JsonPropertyName("transferer_first_leg_bridge")] public Bridge? TransfererFirstLegBridge { get; set; }
        [JsonPropertyName("transferer_second_leg_bridge")] public Bridge? TransfererSecondLegBridge { get; set; }
        /// <summary>bridge, application, link, threeway or fail.</summary>
        [JsonPropertyName("destination_type")] public string DestinationType { get; set; } = "";
        [JsonPropertyName("destination_bridge")] public string? DestinationBridge { get; set; }
        [JsonPropertyName("destination_application")] public string? DestinationApplication { get; set; }
        [JsonPropertyName("destination_link_first_leg")] public Channel? DestinationLinkFirstLeg { get; set; }
        [JsonPropertyName("destination_link_second_leg")] public Channel? DestinationLinkSecondLeg { get; set; }
        [JsonPropertyName("destination_threeway_channel")] public Channel? DestinationThreewayChannel { get; set; }
        [JsonPropertyName("destination_threeway_bridge")] public Bridge? DestinationThreewayBridge { get; set; }

        [JsonIgnore] public string? ChannelId => TransfererFirstLeg?.Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            TransfererFirstLeg?.Attach(connection);
            TransfererSecondLeg?.Attach(connection);
            ReplaceChannel?.Attach(connection);
            Transferee?.Attach(connection);
            TransferTarget?.Attach(connection);
            TransfererFirstLegBridge?.Attach(connection);
            TransfererSecondLegBridge?.Attach(connection);
            DestinationLinkFirstLeg?.Attach(connection);
            DestinationLinkSecondLeg?.Attach(connection);
            DestinationThreewayChannel?.Attach(connection);
            DestinationThreewayBridge?.Attach(connection);
        }
    }
}
