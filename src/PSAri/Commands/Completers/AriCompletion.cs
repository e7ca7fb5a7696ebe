using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using PSAri.Client;

namespace PSAri.Commands.Completers
{
    /// <summary>One candidate: the value and what the tooltip says about it.</summary>
    internal readonly struct AriCandidate
    {
        public AriCandidate(string value, string? tip)
        {
            Value = value;
            Tip = string.IsNullOrEmpty(tip) ? value : tip!;
        }

        public string Value { get; }
        public string Tip { get; }
    }

    /// <summary>Shared machinery of PSAri's argument completers: the connection (the -Connection already typed,
    /// else the runspace's default), lists read from the server with a short timeout and cached per connection
    /// for a few seconds, wildcard matching and quoting. Completion never throws: a slow, failing or absent
    /// server means no candidates (or the last ones read).</summary>
    internal static class AriCompletion
    {
        /// <summary>How long a list read from the server is reused.</summary>
        internal static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

        /// <summary>The longest a completion waits for the server.</summary>
        internal static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

        private sealed class Entry
        {
            public DateTime ReadAt;
            public AriCandidate[] Candidates = Array.Empty<AriCandidate>();
        }

        private static readonly ConditionalWeakTable<AriConnection, Dictionary<string, Entry>> Caches =
            new ConditionalWeakTable<AriConnection, Dictionary<string, Entry>>();

        /// <summary>The connection the command will use: a bound -Connection, else the default; null when none is open.</summary>
        public static AriConnection? ConnectionFor(IDictionary? fakeBoundParameters)
        {
            try
            {
                object? bound = fakeBoundParameters != null && fakeBoundParameters.Contains("Connection") ? fakeBoundParameters["Connection"] : null;
                if (bound is PSObject wrapped) bound = wrapped.BaseObject;
                if (bound is object[] several && several.Length > 0) bound = several[0] is PSObject first ? first.BaseObject : several[0];
                var connection = bound switch
                {
                    AriConnection given => given,
                    string name => AriSessionState.Current.Named(name).FirstOrDefault(),
                    _ => AriSessionState.Current.Default,
                };
                return connection != null && connection.IsOpen ? connection : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>GET path (segments) and one candidate per element of the JSON array answered, cached per connection.</summary>
        public static AriCandidate[] List(AriConnection? connection, Func<JsonElement, AriCandidate?> pick, params string[] segments)
        {
            if (connection is null) return Array.Empty<AriCandidate>();
            var key = string.Join("/", segments);
            Dictionary<string, Entry> cache;
            Entry? entry;
            try
            {
                cache = Caches.GetValue(connection, _ => new Dictionary<string, Entry>(StringComparer.Ordinal));
                lock (cache)
                    if (cache.TryGetValue(key, out entry) && DateTime.UtcNow - entry.ReadAt < CacheLifetime)
                        return entry.Candidates;
            }
            catch (Exception)
            {
                return Array.Empty<AriCandidate>();
            }
            try
            {
                var response = connection.Rest.SendAsync(new AriRequest("GET", segments), CancellationToken.None, RequestTimeout)
                    .GetAwaiter().GetResult();
                var found = new List<AriCandidate>();
                using (var document = JsonDocument.Parse(response.Body))
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Array)
                        foreach (var element in document.RootElement.EnumerateArray())
                            if (pick(element) is AriCandidate candidate && candidate.Value.Length > 0)
                                found.Add(candidate);
                }
                var fresh = new Entry { ReadAt = DateTime.UtcNow, Candidates = found.ToArray() };
                lock (cache) cache[key] = fresh;
                return fresh.Candidates;
            }
            catch (Exception)
            {
                // Timeout, refused, 4xx/5xx, unreadable body: offer what was read before, if anything.
                return entry?.Candidates ?? Array.Empty<AriCandidate>();
            }
        }

        /// <summary>A string property of a JSON object, or null.</summary>
        public static string? Text(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        /// <summary>Drops the cached lists of a connection (tests; a user who wants fresh ids at once).</summary>
        internal static void Forget(AriConnection connection) => Caches.Remove(connection);

        /// <summary>Candidates matching what was typed (a prefix, or a wildcard pattern), case-insensitive, quoted where needed.</summary>
        public static IEnumerable<CompletionResult> Results(IEnumerable<AriCandidate> candidates, string? wordToComplete)
        {
            var (word, quote) = Unquote(wordToComplete ?? "");
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in candidates)
            {
                if (!seen.Add(candidate.Value) || !pattern.IsMatch(candidate.Value)) continue;
                yield return new CompletionResult(Quote(candidate.Value, quote), candidate.Value, CompletionResultType.ParameterValue, candidate.Tip);
            }
        }

        private static (string Word, char Quote) Unquote(string word)
        {
            if (word.Length > 0 && (word[0] == '\'' || word[0] == '"'))
            {
                var quote = word[0];
                var inner = word.Substring(1);
                if (inner.Length > 0 && inner[inner.Length - 1] == quote) inner = inner.Substring(0, inner.Length - 1);
                return (inner, quote);
            }
            return (word, '\0');
        }

        /// <summary>Characters that end or change a bare word anywhere in it, and those that do so only first.</summary>
        private const string Special = " \t'\"`$;,(){}&|<>";
        private const string SpecialFirst = "@#-[";

        /// <summary>The value as PowerShell must see it: quoted when it has spaces or characters the parser would take.</summary>
        internal static string Quote(string value, char quote = '\0')
        {
            if (quote == '"')
                return "\"" + value.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$") + "\"";
            if (quote == '\'' || value.Length == 0 || value.IndexOfAny(Special.ToCharArray()) >= 0 || SpecialFirst.IndexOf(value[0]) >= 0)
                return "'" + value.Replace("'", "''") + "'";
            return value;
        }
    }
}
