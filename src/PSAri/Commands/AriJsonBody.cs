using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PSAri.Commands
{
    /// <summary>Writes PowerShell values as JSON with their types kept (numbers stay numbers, $true stays
    /// true, hashtables become objects, arrays lists): the bodies of user events and Invoke-AriRequest.</summary>
    internal static class AriJsonBody
    {
        public static byte[] Serialize(object? value)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                Write(w, value, 0);
            return stream.ToArray();
        }

        private static void Write(Utf8JsonWriter w, object? value, int depth)
        {
            if (depth > 64) throw new ArgumentException("The body is nested too deeply to be sent as JSON.");
            if (value is PSObject ps && !(ps.BaseObject is PSCustomObject)) value = ps.BaseObject;
            switch (value)
            {
                case null: w.WriteNullValue(); break;
                case string s: w.WriteStringValue(s); break;
                case char c: w.WriteStringValue(c.ToString()); break;
                case bool b: w.WriteBooleanValue(b); break;
                case SwitchParameter sp: w.WriteBooleanValue(sp.IsPresent); break;
                case int i: w.WriteNumberValue(i); break;
                case long l: w.WriteNumberValue(l); break;
                case short sh: w.WriteNumberValue(sh); break;
                case byte by: w.WriteNumberValue(by); break;
                case uint ui: w.WriteNumberValue(ui); break;
                case ulong ul: w.WriteNumberValue(ul); break;
                case decimal m: w.WriteNumberValue(m); break;
                case double d: w.WriteNumberValue(d); break;
                case float f: w.WriteNumberValue(f); break;
                case DateTimeOffset dto: w.WriteStringValue(dto.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)); break;
                case DateTime dt: w.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture)); break;
                case Enum e: w.WriteStringValue(e.ToString()); break;
                case IDictionary dict:
                    w.WriteStartObject();
                    foreach (DictionaryEntry entry in dict)
                    {
                        w.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                        Write(w, entry.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    break;
                case PSObject custom:
                    w.WriteStartObject();
                    foreach (var p in custom.Properties)
                    {
                        if (!(p is PSNoteProperty) && !(p is PSProperty)) continue;
                        w.WritePropertyName(p.Name);
                        Write(w, p.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    break;
                case IEnumerable list:
                    w.WriteStartArray();
                    foreach (var item in list) Write(w, item, depth + 1);
                    w.WriteEndArray();
                    break;
                default:
                    Write(w, PSObject.AsPSObject(value), depth + 1);
                    break;
            }
        }

        /// <summary>Joins list items with commas; an item with a comma in it stops the command (Asterisk splits
        /// list parameters on commas, so it would become two items).</summary>
        public static string? JoinList(System.Management.Automation.Cmdlet cmdlet, string parameter, string[]? items, object? target)
        {
            if (items is null) return null;
            foreach (var item in items)
                if (item.IndexOf(',') >= 0)
                    cmdlet.ThrowTerminatingError(AriErrors.Record("AriCommaInList", ErrorCategory.InvalidArgument, target,
                        $"-{parameter} value '{item}' contains a comma; Asterisk splits this list on commas. Pass each item as its own array element."));
            return string.Join(",", items);
        }
    }
}
