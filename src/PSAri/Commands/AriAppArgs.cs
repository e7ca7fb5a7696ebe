using System.Management.Automation;

namespace PSAri.Commands
{
    /// <summary>Builds the comma-separated lists ARI takes (appArgs, formats) from PowerShell arrays.</summary>
    internal static class AriAppArgs
    {
        /// <summary>Joins application arguments the way Asterisk splits them again: commas separate, and an
        /// argument holding a comma is sent in double quotes (Asterisk removes them). Returns null for null, and
        /// an error record for an argument holding a double quote, which Asterisk would drop.</summary>
        public static string? Join(string[]? args, object? target, out ErrorRecord? error)
        {
            error = null;
            if (args is null) return null;
            var parts = new string[args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                var a = args[i] ?? "";
                if (a.IndexOf('"') >= 0)
                {
                    error = AriErrors.Record("AriAppArgHasQuote", ErrorCategory.InvalidArgument, target,
                        $"The application argument '{a}' contains a double quote. Asterisk groups arguments with double quotes and removes them, so it cannot arrive as written.",
                        "Pass arguments without double quotes; a comma inside an argument is fine (PSAri quotes it).");
                    return null;
                }
                parts[i] = a.IndexOf(',') >= 0 ? "\"" + a + "\"" : a;
            }
            return string.Join(",", parts);
        }

        /// <summary>Joins a list whose items must not hold commas (Asterisk splits on every comma).</summary>
        public static string? JoinPlain(string[]? items, string parameter, object? target, out ErrorRecord? error)
        {
            error = null;
            if (items is null) return null;
            foreach (var item in items)
                if (item.IndexOf(',') >= 0)
                {
                    error = AriErrors.Record("AriListItemHasComma", ErrorCategory.InvalidArgument, target,
                        $"The -{parameter} value '{item}' contains a comma. Asterisk splits this list on commas, so it would read '{item.Replace(",", "' and '")}'.",
                        $"Pass each item as its own -{parameter} value.");
                    return null;
                }
            return string.Join(",", items);
        }
    }
}
