using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

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
        [JsonPropertyName("channelvars")] public Dictionary<string, string>? ChannelVars { get; set; }
        [JsonPropertyName("caller_rdnis")] public string? CallerRdnis { get; set; }
        [JsonPropertyName("tenantid")] public string? TenantId { get; set; }

        public override string ToString() => Id;
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
}
