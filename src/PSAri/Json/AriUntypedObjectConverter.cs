using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PSAri.Json
{
    /// <summary>Reads a free-form JSON object (ChannelUserevent's "userevent") into plain .NET values, so no
    /// System.Text.Json type leaks into the public model: string, long (integers), decimal (other numbers that
    /// fit, keeping "1.0" as written), double, bool, null, Dictionary&lt;string, object?&gt; and object?[].
    /// Writes them back the same way.</summary>
    internal sealed class AriUntypedObjectConverter : JsonConverter<Dictionary<string, object?>>
    {
        private const int MaxDepth = 64;

        public override Dictionary<string, object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException($"Expected a JSON object, got {reader.TokenType}.");
            return ReadObject(ref reader, 0);
        }

        private static Dictionary<string, object?> ReadObject(ref Utf8JsonReader reader, int depth)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                result[name] = ReadValue(ref reader, depth + 1);
            }
            return result;
        }

        private static object? ReadValue(ref Utf8JsonReader reader, int depth)
        {
            if (depth > MaxDepth)
                throw new JsonException("The JSON value is nested too deeply.");
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return reader.GetString();
                case JsonTokenType.True: return true;
                case JsonTokenType.False: return false;
                case JsonTokenType.Null: return null;
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var l)) return l;
                    if (reader.TryGetDecimal(out var m)) return m;
                    return reader.GetDouble();
                case JsonTokenType.StartObject: return ReadObject(ref reader, depth);
                case JsonTokenType.StartArray:
                    var list = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        list.Add(ReadValue(ref reader, depth + 1));
                    return list.ToArray();
                default:
                    throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, Dictionary<string, object?> value, JsonSerializerOptions options) =>
            WriteValue(writer, value, 0);

        private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > MaxDepth)
                throw new JsonException("The value is nested too deeply.");
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case long l: writer.WriteNumberValue(l); break;
                case int i: writer.WriteNumberValue(i); break;
                case decimal m: writer.WriteNumberValue(m); break;
                case double d: writer.WriteNumberValue(d); break;
                case float f: writer.WriteNumberValue(f); break;
                case IDictionary dict:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry e in dict)
                    {
                        writer.WritePropertyName(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "");
                        WriteValue(writer, e.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (var item in items) WriteValue(writer, item, depth + 1);
                    writer.WriteEndArray();
                    break;
                case ulong ul: writer.WriteNumberValue(ul); break;
                case uint ui: writer.WriteNumberValue(ui); break;
                case short sh: writer.WriteNumberValue(sh); break;
                case ushort us: writer.WriteNumberValue(us); break;
                case byte by: writer.WriteNumberValue(by); break;
                case sbyte sb: writer.WriteNumberValue(sb); break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }
}
