using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using PSAri.Client;

namespace PSAri.Model
{
    /// <summary>Base of every object PSAri reads from ARI: it knows the connection it came from
    /// and keeps any JSON property this build does not know.</summary>
    public abstract class AriObject
    {
        /// <summary>The connection this object came from; lets downstream cmdlets act on the right server.</summary>
        [JsonIgnore]
        public AriConnection? Connection { get; internal set; }

        /// <summary>The name of the server this object came from (its connection's Name), to tell servers apart in a fleet.</summary>
        [JsonIgnore]
        public string? Server => Connection?.Name;

        /// <summary>Properties Asterisk sent that this build has no field for, by name, as raw JSON text.</summary>
        [JsonIgnore]
        public IReadOnlyDictionary<string, string>? UnknownProperties =>
            ExtensionData?.ToDictionary(p => p.Key, p => p.Value.GetRawText());

        [JsonExtensionData, JsonInclude]
        internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

        /// <summary>Stamps the connection on this object and on the objects it contains.</summary>
        internal virtual void Attach(AriConnection connection) => Connection = connection;
    }
}
