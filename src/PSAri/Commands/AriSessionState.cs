using System.Collections.Generic;
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

        public List<AriConnection> Connections { get; } = new List<AriConnection>();
        public AriConnection? Default { get; set; }

        public static AriSessionState Current => ByRunspace.GetValue(Runspace.DefaultRunspace, _ => new AriSessionState());

        public void Add(AriConnection connection)
        {
            lock (Connections) Connections.Add(connection);
            Default = connection;
        }

        public void Remove(AriConnection connection)
        {
            lock (Connections)
            {
                Connections.Remove(connection);
                if (ReferenceEquals(Default, connection))
                    Default = Connections.Count > 0 ? Connections[Connections.Count - 1] : null;
            }
        }
    }
}
