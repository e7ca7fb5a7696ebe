using System;
using System.Collections.Generic;
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

        public bool Matches(string type)
        {
            if (_exact.Contains(type)) return true;
            foreach (var p in _patterns) // a loop, not Any(): no closure per event (bench: stream)
                if (p.IsMatch(type)) return true;
            return false;
        }
    }
}
