using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace PSAri.Commands
{
    /// <summary>Conversions from PowerShell parameter values to what ARI takes.</summary>
    internal static class AriConvert
    {
        /// <summary>A hashtable of variables (@{ CALLERID = '1000' }) as ARI's string map; null stays null.</summary>
        public static Dictionary<string, string>? ToStringDictionary(IDictionary? table)
        {
            if (table is null) return null;
            var result = new Dictionary<string, string>();
            foreach (DictionaryEntry entry in table)
            {
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                result[System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] =
                    value is null ? "" : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            }
            return result;
        }
    }
}
