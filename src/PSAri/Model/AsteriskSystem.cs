using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace PSAri.Model
{
    /// <summary>Answer of GET /asterisk/ping.</summary>
    public sealed class AsteriskPing : AriObject
    {
        /// <summary>Always "pong".</summary>
        [JsonPropertyName("ping")] public string Ping { get; set; } = "";
        [JsonPropertyName("timestamp")] public DateTimeOffset Timestamp { get; set; }
        [JsonPropertyName("asterisk_id")] public string AsteriskId { get; set; } = "";

        public override string ToString() => Ping;
    }

    /// <summary>A loaded Asterisk module.</summary>
    public sealed class AsteriskModule : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("description")] public string Description { get; set; } = "";
        [JsonPropertyName("use_count")] public int UseCount { get; set; }
        [JsonPropertyName("status")] public string Status { get; set; } = "";
        [JsonPropertyName("support_level")] public string SupportLevel { get; set; } = "";

        public override string ToString() => Name;
    }

    /// <summary>A logger channel (file, console ...) and the levels it logs.</summary>
    public sealed class LogChannel : AriObject
    {
        [JsonPropertyName("channel")] public string Channel { get; set; } = "";
        [JsonPropertyName("type")] public string Type { get; set; } = "";
        [JsonPropertyName("status")] public string Status { get; set; } = "";
        [JsonPropertyName("configuration")] public string Configuration { get; set; } = "";

        public override string ToString() => Channel;
    }

    /// <summary>The value of one variable (global, channel or bridge).</summary>
    public sealed class Variable : AriObject
    {
        [JsonPropertyName("value")] public string Value { get; set; } = "";

        public override string ToString() => Value;
    }

    /// <summary>Several variables by name (ARI's "Variables" model: GET .../variables).</summary>
    public sealed class VariableSet : AriObject
    {
        [JsonPropertyName("variables")] public Dictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>One attribute of a dynamic configuration object.</summary>
    public sealed class ConfigTuple : AriObject
    {
        [JsonPropertyName("attribute")] public string Attribute { get; set; } = "";
        [JsonPropertyName("value")] public string Value { get; set; } = "";

        public override string ToString() => $"{Attribute}={Value}";
    }
}
