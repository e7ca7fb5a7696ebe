using System;
using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>What GET /asterisk/info tells about the server; each part may be left out by ?only=.</summary>
    public sealed class AsteriskInfo : AriObject
    {
        [JsonPropertyName("build")] public BuildInfo? Build { get; set; }
        [JsonPropertyName("system")] public SystemInfo? System { get; set; }
        [JsonPropertyName("config")] public ConfigInfo? Config { get; set; }
        [JsonPropertyName("status")] public StatusInfo? Status { get; set; }

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            Build?.Attach(connection);
            System?.Attach(connection);
            Config?.Attach(connection);
            Status?.Attach(connection);
        }
    }

    /// <summary>How and where Asterisk was built.</summary>
    public sealed class BuildInfo : AriObject
    {
        [JsonPropertyName("os")] public string Os { get; set; } = "";
        [JsonPropertyName("kernel")] public string Kernel { get; set; } = "";
        [JsonPropertyName("machine")] public string Machine { get; set; } = "";
        [JsonPropertyName("options")] public string Options { get; set; } = "";
        [JsonPropertyName("date")] public string Date { get; set; } = "";
        [JsonPropertyName("user")] public string User { get; set; } = "";
    }

    /// <summary>The Asterisk version and its entity id (the asterisk_id of its events).</summary>
    public sealed class SystemInfo : AriObject
    {
        [JsonPropertyName("version")] public string Version { get; set; } = "";
        [JsonPropertyName("entity_id")] public string EntityId { get; set; } = "";

        public override string ToString() => Version;
    }

    /// <summary>Asterisk's main configuration.</summary>
    public sealed class ConfigInfo : AriObject
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("default_language")] public string DefaultLanguage { get; set; } = "";
        [JsonPropertyName("max_channels")] public int? MaxChannels { get; set; }
        [JsonPropertyName("max_open_files")] public int? MaxOpenFiles { get; set; }
        [JsonPropertyName("max_load")] public double? MaxLoad { get; set; }
        [JsonPropertyName("setid")] public SetId SetId { get; set; } = new SetId();

        public override string ToString() => Name;

        internal override void Attach(AriConnection connection)
        {
            base.Attach(connection);
            SetId?.Attach(connection);
        }
    }

    /// <summary>The user and group Asterisk runs as.</summary>
    public sealed class SetId : AriObject
    {
        [JsonPropertyName("user")] public string User { get; set; } = "";
        [JsonPropertyName("group")] public string Group { get; set; } = "";
    }

    /// <summary>When Asterisk started and last reloaded.</summary>
    public sealed class StatusInfo : AriObject
    {
        [JsonPropertyName("startup_time")] public DateTimeOffset StartupTime { get; set; }
        [JsonPropertyName("last_reload_time")] public DateTimeOffset LastReloadTime { get; set; }
    }
}
