using System;
using System.Collections.Generic;
using System.Linq;

namespace PSAri.Emulator
{
    /// <summary>The emulator's route table: method + path template (relative to /ari, e.g.
    /// "channels/{channelId}/play") -> handler. One entry per ARI operation; adding an operation is one
    /// <see cref="Add"/> line. It also answers Asterisk's 404/405 rules for paths and methods.</summary>
    internal sealed class EmulatorRouter
    {
        private sealed class Route
        {
            public string Method = "";
            public string[] Segments = Array.Empty<string>();
            public Func<EmulatorRequest, EmulatorResponse> Handler = _ => EmulatorResponse.NoContent();
        }

        private readonly List<Route> _routes = new List<Route>();

        public void Add(string method, string template, Func<EmulatorRequest, EmulatorResponse> handler) =>
            _routes.Add(new Route { Method = method, Segments = template.Split('/'), Handler = handler });

        /// <summary>The outcome of matching a path: a handler with its path parameters, or the methods the
        /// path allows (empty when the path is unknown).</summary>
        public sealed class Match
        {
            public Func<EmulatorRequest, EmulatorResponse>? Handler;
            public Dictionary<string, string> PathParams = new Dictionary<string, string>(StringComparer.Ordinal);
            public List<string> Allowed = new List<string>();
        }

        /// <param name="rawSegments">The path after "/ari/", split on '/', still percent-encoded: an encoded
        /// %2F inside an id must not split it.</param>
        public Match Find(string method, string[] rawSegments)
        {
            // Like Asterisk's path tree, a literal segment beats a {parameter} ("channels/create" is not a channel
            // id): keep only the routes of the most literal template that matches.
            var candidates = _routes
                .Select(r => (Route: r, Params: TryMatch(r.Segments, rawSegments)))
                .Where(c => c.Params != null)
                .ToList();
            var match = new Match();
            if (candidates.Count == 0)
                return match;
            var best = candidates.Select(c => Rank(c.Route.Segments)).OrderByDescending(k => k, StringComparer.Ordinal).First();
            foreach (var (route, pathParams) in candidates.Where(c => Rank(c.Route.Segments) == best))
            {
                if (!match.Allowed.Contains(route.Method))
                    match.Allowed.Add(route.Method);
                if (route.Method == method && match.Handler is null)
                {
                    match.Handler = route.Handler;
                    match.PathParams = pathParams!;
                }
            }
            return match;
        }

        // A literal segment ranks above a parameter: '1' > '0' in the descending order of Find.
        private static string Rank(string[] template) => new string(template.Select(t => IsParam(t) ? '0' : '1').ToArray());

        private static bool IsParam(string t) => t.Length > 2 && t[0] == '{' && t[t.Length - 1] == '}';

        /// <summary>Asterisk's Allow header: OPTIONS first, then the methods in the order GET, POST, PUT, DELETE.</summary>
        public static string AllowHeader(IEnumerable<string> methods)
        {
            var order = new[] { "GET", "POST", "PUT", "DELETE" };
            return string.Join(",", new[] { "OPTIONS" }.Concat(order.Where(methods.Contains)));
        }

        private static Dictionary<string, string>? TryMatch(string[] template, string[] raw)
        {
            if (template.Length != raw.Length)
                return null;
            var pathParams = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < template.Length; i++)
            {
                var t = template[i];
                var value = Uri.UnescapeDataString(raw[i]);
                if (IsParam(t))
                {
                    if (value.Length == 0)
                        return null;
                    pathParams[t.Substring(1, t.Length - 2)] = value;
                }
                else if (!string.Equals(t, value, StringComparison.Ordinal))
                {
                    return null;
                }
            }
            return pathParams;
        }
    }
}
