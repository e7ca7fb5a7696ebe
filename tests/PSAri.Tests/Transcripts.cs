using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using PSAri.Model;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>A [Fact] that is skipped when ../shared/asterisk-22-transcripts is not beside the repository.</summary>
    public sealed class TranscriptFactAttribute : FactAttribute
    {
        public TranscriptFactAttribute()
        {
            if (!Directory.Exists(TestPaths.Transcripts))
                Skip = "The Asterisk transcripts are not available at " + TestPaths.Transcripts;
        }
    }

    /// <summary>A [Theory] that is skipped when the transcripts are not available.</summary>
    public sealed class TranscriptTheoryAttribute : TheoryAttribute
    {
        public TranscriptTheoryAttribute()
        {
            if (!Directory.Exists(TestPaths.Transcripts))
                Skip = "The Asterisk transcripts are not available at " + TestPaths.Transcripts;
        }
    }

    /// <summary>One line of a transcript, with where it came from.</summary>
    internal sealed class TranscriptLine
    {
        public string File = "";
        public int LineNumber;
        public JsonElement Json;

        public string Kind => Json.GetProperty("k").GetString()!;
        public string Where => $"{File}:{LineNumber}";

        public string? Str(string name) =>
            Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    internal static class Transcripts
    {
        /// <summary>The transcript file names, for [MemberData] (empty when the folder is missing).</summary>
        public static IEnumerable<object[]> Files() =>
            Directory.Exists(TestPaths.Transcripts)
                ? Directory.GetFiles(TestPaths.Transcripts, "*.jsonl").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! })
                : new[] { new object[] { "(no transcripts)" } };

        public static IEnumerable<TranscriptLine> Read(string file)
        {
            var path = Path.Combine(TestPaths.Transcripts, file);
            if (!System.IO.File.Exists(path)) yield break;
            var n = 0;
            foreach (var text in System.IO.File.ReadLines(path))
            {
                n++;
                if (text.Length == 0) continue;
                using var doc = JsonDocument.Parse(text);
                yield return new TranscriptLine { File = file, LineNumber = n, Json = doc.RootElement.Clone() };
            }
        }

        public static IEnumerable<TranscriptLine> ReadAll() => Files().SelectMany(f => Read((string)f[0]));

        /// <summary>Paths (like "channel.dialplan") of every AriObject in the graph that kept unknown JSON properties.</summary>
        public static List<string> UnknownProperties(object? root, string path = "$")
        {
            var found = new List<string>();
            Walk(root, path, found, 0);
            return found;
        }

        private static void Walk(object? value, string path, List<string> found, int depth)
        {
            if (value is null || depth > 20) return;
            if (value is AriObject obj)
            {
                if (obj.ExtensionData is { Count: > 0 } extra)
                    found.Add($"{path}: unknown {string.Join(", ", extra.Select(p => $"\"{p.Key}\"={p.Value.GetRawText()}"))} on {obj.GetType().Name}");
                foreach (var p in obj.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (p.GetIndexParameters().Length > 0 || p.Name == nameof(AriObject.Connection)) continue;
                    var t = p.PropertyType;
                    if (typeof(AriObject).IsAssignableFrom(t) || (t.IsArray && typeof(AriObject).IsAssignableFrom(t.GetElementType())))
                        Walk(p.GetValue(obj), path + "." + p.Name, found, depth + 1);
                }
            }
            else if (value is IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items) Walk(item, $"{path}[{i++}]", found, depth + 1);
            }
        }
    }
}
