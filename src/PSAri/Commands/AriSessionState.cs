using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>The connections of one runspace and its default: per runspace, not static, so thread jobs and
    /// ForEach-Object -Parallel runspaces each have their own.</summary>
    internal sealed class AriSessionState
    {
        private static readonly ConditionalWeakTable<Runspace, AriSessionState> ByRunspace = new ConditionalWeakTable<Runspace, AriSessionState>();
        /// <summary>Every open connection of the process, so Remove-Module can close them all.</summary>
        private static readonly HashSet<AriConnection> Open = new HashSet<AriConnection>();

        public List<AriConnection> Connections { get; } = new List<AriConnection>();
        public AriConnection? Default { get; set; }

        public static AriSessionState Current => ByRunspace.GetValue(Runspace.DefaultRunspace, _ => new AriSessionState());

        public void Add(AriConnection connection)
        {
            lock (Connections)
            {
                Connections.Add(connection);
                Default = connection;
            }
            lock (Open) Open.Add(connection);
        }

        /// <summary>Closes every connection of every runspace (the module is being removed).</summary>
        public static void CloseAll()
        {
            AriConnection[] all;
            lock (Open)
            {
                all = new AriConnection[Open.Count];
                Open.CopyTo(all);
                Open.Clear();
            }
            foreach (var connection in all) connection.Dispose();
        }

        /// <summary>The connections of this runspace now, oldest first.</summary>
        public AriConnection[] All()
        {
            lock (Connections) return Connections.ToArray();
        }

        /// <summary>The connections whose Name matches <paramref name="pattern"/> (wildcards allowed, any case), oldest first.</summary>
        public AriConnection[] Named(string pattern)
        {
            var match = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return All().Where(c => match.IsMatch(c.Name)).ToArray();
        }

        /// <summary>The names of this runspace's connections, each once.</summary>
        public string[] Names() => All().Select(c => c.Name).Distinct(System.StringComparer.OrdinalIgnoreCase).ToArray();

        public void Remove(AriConnection connection)
        {
            lock (Connections)
            {
                Connections.Remove(connection);
                if (ReferenceEquals(Default, connection))
                    Default = Connections.Count > 0 ? Connections[Connections.Count - 1] : null;
            }
            lock (Open) Open.Remove(connection);
        }
    }
}
