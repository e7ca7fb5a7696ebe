using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Lets -Connection take connection names (Connect-Ari -Name, by default host:port; wildcards allowed)
    /// as well as connections: -Connection pbx1, -Connection pbx*. A name that matches no connection of this
    /// runspace is an error that lists the names there are.</summary>
    internal sealed class AriConnectionArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var items = inputData is string || !(LanguagePrimitives.GetEnumerable(inputData) is IEnumerable many)
                ? new[] { inputData }
                : many.Cast<object?>();
            var connections = new List<AriConnection>();
            foreach (var item in items)
            {
                switch (item is PSObject wrapped ? wrapped.BaseObject : item)
                {
                    case AriConnection connection:
                        connections.Add(connection);
                        break;
                    case string name:
                        connections.AddRange(Named(name));
                        break;
                    default:
                        return inputData; // PowerShell's own conversion says what is wrong with it
                }
            }
            return connections.ToArray();
        }

        private static AriConnection[] Named(string name)
        {
            var state = AriSessionState.Current;
            var found = state.Named(name);
            if (found.Length > 0) return found;
            var names = state.Names();
            throw new ArgumentTransformationMetadataException(
                $"No ARI connection of this session is named '{name}'. " +
                (names.Length == 0 ? "There is none: connect with Connect-Ari first." : $"Connections: {string.Join(", ", names)}."));
        }
    }
}
