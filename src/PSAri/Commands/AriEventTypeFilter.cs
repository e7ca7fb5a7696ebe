using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace PSAri.Commands
{
    /// <summary>Matches event type names case-insensitively, with PowerShell wildcards where given.</summary>
    internal sealed class AriEventTypeFilter
    {
        private readonly HashSet<string> _exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly WildcardPattern[] _patterns;

        public AriEventTypeFilter(IEnumerable<string> types)
        {
            var patterns = new List<WildcardPattern>();
            foreach (var type in types)
            {
                if (WildcardPattern.ContainsWildcardCharacters(type))
                    patterns.Add(new WildcardPattern(type, WildcardOptions.IgnoreCase));
                else
                    _exact.Add(type);
            }
            _patterns = patterns.ToArray();
        }

        public bool Matches(string type) => _exact.Contains(type) || _patterns.Any(p => p.IsMatch(type));
    }
}
