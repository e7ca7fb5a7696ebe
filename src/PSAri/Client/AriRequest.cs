using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Client
{
    /// <summary>One ARI REST request: method, a path below /ari/ built from escaped segments, query parameters and an optional JSON body.</summary>
    internal sealed class AriRequest
    {
        public string Method { get; }
        /// <summary>The path below /ari/, segments already percent-encoded.</summary>
        public string Path { get; }
        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();
        public byte[]? JsonBody { get; set; }
        /// <summary>Why this request must not be sent (an id that cannot be a path segment), or null.</summary>
        public string? Problem { get; }

        /// <param name="segments">Path segments as plain text; each is percent-encoded so an id can never change the path.</param>
        public AriRequest(string method, params string[] segments)
        {
            Method = method;
            try
            {
                Path = EscapePath(segments);
            }
            catch (ArgumentException e)
            {
                Path = "";
                Problem = e.Message;
            }
        }

        /// <summary>Adds a query parameter unless the value is null.</summary>
        public AriRequest With(string name, object? value)
        {
            if (value != null)
                Query.Add(new KeyValuePair<string, string>(name, value switch
                {
                    bool b => b ? "true" : "false",
                    IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    _ => value.ToString()!,
                }));
            return this;
        }

        /// <summary>Sends <paramref name="body"/> as the JSON body (ARI treats its keys like query parameters).</summary>
        public AriRequest WithJsonBody<T>(T body, JsonTypeInfo<T> type)
        {
            JsonBody = JsonSerializer.SerializeToUtf8Bytes(body, type);
            return this;
        }

        /// <summary>Channel or bridge variables go in a JSON body {"variables": {...}}: the only way ARI takes a map.</summary>
        public AriRequest WithVariables(Dictionary<string, string>? variables) =>
            variables is null ? this : WithJsonBody(new VariableSet { Variables = variables }, AriJsonContext.Default.VariableSet);

        internal static string EscapePath(string[] segments)
        {
            var sb = new StringBuilder();
            foreach (var segment in segments)
            {
                if (segment.Length == 0)
                    throw new ArgumentException("An ARI id or name cannot be empty.");
                // .NET's Uri folds "." and ".." segments away even when percent-encoded, so they could never reach the server as names.
                if (segment == "." || segment == "..")
                    throw new ArgumentException($"'{segment}' cannot be an ARI id or name.");
                if (sb.Length > 0) sb.Append('/');
                sb.Append(Uri.EscapeDataString(segment));
            }
            return sb.ToString();
        }

        /// <summary>The path and query below /ari/, for example "channels/1.1/play?media=sound%3Ahello-world".</summary>
        public string PathAndQuery()
        {
            if (Query.Count == 0) return Path;
            var sb = new StringBuilder(Path).Append('?');
            for (var i = 0; i < Query.Count; i++)
            {
                if (i > 0) sb.Append('&');
                sb.Append(Uri.EscapeDataString(Query[i].Key)).Append('=').Append(Uri.EscapeDataString(Query[i].Value));
            }
            return sb.ToString();
        }
    }
}
