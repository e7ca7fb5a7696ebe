using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>A channel: one leg of a call. Properties are in the order Asterisk sends them.</summary>
    public sealed class Channel : AriObject
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("state")] public string State { get; set; } = "";
        [JsonPropertyName("protocol_id")] public string ProtocolId { get; set; } = "";
        [JsonPropertyName("caller")] public CallerId Caller { get; set; } = new CallerId();
        [JsonPropertyName("connected")] public CallerId Connected { get; set; } = new CallerId();
        [JsonPropertyName("accountcode")] public string AccountCode { get; set; } = "";
        [JsonPropertyName("dialplan")] public DialplanCep Dialplan { get; set; } = new DialplanCep();
        [JsonPropertyName("creationtime")] public DateTimeOffset CreationTime { get; set; }
        [JsonPropertyName("language")] public string Language { get; set; } = "";
        /// <summary>Variables set with report_events (or in channelvars of ari.conf), when there are any.</summary>
        [JsonPropertyName("channelvars")] public Dictionary<string, string>? ChannelVars { get; set; }
        [JsonPropertyName("caller_rdnis")] public string? CallerRdnis { get; set; }
        [JsonPropertyName("tenantid")] public string? TenantId { get; set; }

        public override string ToString() => Id;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Caller?.Attach(connection);
            Connected?.Attach(connection);
            Dialplan?.Attach(connection);
        }
    }

    /// <summary>Caller identification: a name and a number.</summary>
    public sealed class CallerId : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("number")] public string Number { get; set; } = "";

        public override string ToString() => Name.Length == 0 ? Number : $"\"{Name}\" <{Number}>";
    }

    /// <summary>A dialplan location (context, extension, priority) and the application running there.</summary>
    public sealed class DialplanCep : AriObject
    {
        [JsonPropertyName("context")] public string Context { get; set; } = "";
        [JsonPropertyName("exten")] public string Exten { get; set; } = "";
        [JsonPropertyName("priority")] public long Priority { get; set; }
        [JsonPropertyName("app_name")] public string AppName { get; set; } = "";
        [JsonPropertyName("app_data")] public string AppData { get; set; } = "";

        public override string ToString() => $"{Exten}@{Context}:{Priority}";
    }

    /// <summary>Dialed-party information; ARI declares it without fields (anything sent is kept in UnknownProperties).</summary>
    public sealed class Dialed : AriObject
    {
    }

    /// <summary>RTP statistics of a channel (GET /channels/{id}/rtp_statistics). Jitter, loss and round-trip
    /// figures are present only when the RTP engine has them.</summary>
    public sealed class RtpStat : AriObject
    {
        [JsonPropertyName("txcount")] public long TxCount { get; set; }
        [JsonPropertyName("rxcount")] public long RxCount { get; set; }
        [JsonPropertyName("txjitter")] public double? TxJitter { get; set; }
        [JsonPropertyName("rxjitter")] public double? RxJitter { get; set; }
        [JsonPropertyName("remote_maxjitter")] public double? RemoteMaxJitter { get; set; }
        [JsonPropertyName("remote_minjitter")] public double? RemoteMinJitter { get; set; }
        [JsonPropertyName("remote_normdevjitter")] public double? RemoteNormDevJitter { get; set; }
        [JsonPropertyName("remote_stdevjitter")] public double? RemoteStdevJitter { get; set; }
        [JsonPropertyName("local_maxjitter")] public double? LocalMaxJitter { get; set; }
        [JsonPropertyName("local_minjitter")] public double? LocalMinJitter { get; set; }
        [JsonPropertyName("local_normdevjitter")] public double? LocalNormDevJitter { get; set; }
        [JsonPropertyName("local_stdevjitter")] public double? LocalStdevJitter { get; set; }
        [JsonPropertyName("txploss")] public long TxPacketLoss { get; set; }
        [JsonPropertyName("rxploss")] public long RxPacketLoss { get; set; }
        [JsonPropertyName("remote_maxrxploss")] public double? RemoteMaxRxPacketLoss { get; set; }
        [JsonPropertyName("remote_minrxploss")] public double? RemoteMinRxPacketLoss { get; set; }
        [JsonPropertyName("remote_normdevrxploss")] public double? RemoteNormDevRxPacketLoss { get; set; }
        [JsonPropertyName("remote_stdevrxploss")] public double? RemoteStdevRxPacketLoss { get; set; }
        [JsonPropertyName("local_maxrxploss")] public double? LocalMaxRxPacketLoss { get; set; }
        [JsonPropertyName("local_minrxploss")] public double? LocalMinRxPacketLoss { get; set; }
        [JsonPropertyName("local_normdevrxploss")] public double? LocalNormDevRxPacketLoss { get; set; }
        [JsonPropertyName("local_stdevrxploss")] public double? LocalStdevRxPacketLoss { get; set; }
        [JsonPropertyName("rtt")] public double? Rtt { get; set; }
        [JsonPropertyName("maxrtt")] public double? MaxRtt { get; set; }
        [JsonPropertyName("minrtt")] public double? MinRtt { get; set; }
        [JsonPropertyName("normdevrtt")] public double? NormDevRtt { get; set; }
        [JsonPropertyName("stdevrtt")] public double? StdevRtt { get; set; }
        [JsonPropertyName("local_ssrc")] public long LocalSsrc { get; set; }
        [JsonPropertyName("remote_ssrc")] public long RemoteSsrc { get; set; }
        [JsonPropertyName("txoctetcount")] public long TxOctetCount { get; set; }
        [JsonPropertyName("rxoctetcount")] public long RxOctetCount { get; set; }
        [JsonPropertyName("channel_uniqueid")] public string ChannelId { get; set; } = "";

        public override string ToString() => ChannelId;
    }
}
