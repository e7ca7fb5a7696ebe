using System.Collections.Generic;
using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Get-AriConnection: the connections of this runspace, or only its default.</summary>
    [Cmdlet(VerbsCommon.Get, "AriConnection", DefaultParameterSetName = "Name")]
    [OutputType(typeof(AriConnection))]
    public sealed class GetAriConnectionCommand : AriCmdlet
    {
        /// <summary>Only the connections with these names (wildcards allowed, any case).</summary>
        [Parameter(Position = 0, ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.AriConnectionNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only the default connection, the one cmdlets use without -Connection.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Default")]
        public SwitchParameter Default { get; set; }

        protected override void EndProcessing()
        {
            var state = AriSessionState.Current;
            if (Default)
            {
                if (state.Default != null) WriteObject(state.Default);
                return;
            }
            if (Name is null)
            {
                WriteObject(state.All(), enumerateCollection: true);
                return;
            }
            var written = new HashSet<AriConnection>();
            foreach (var name in Name)
            {
                var found = state.Named(name);
                // As Get-Process: an exact name that matches nothing is an error, a wildcard that matches nothing is not.
                if (found.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                    WriteError(AriErrors.Record("AriConnectionNotFound", ErrorCategory.ObjectNotFound, name,
                        $"No ARI connection of this session is named '{name}'.", "Get-AriConnection lists them all."));
                foreach (var connection in found)
                    if (written.Add(connection)) WriteObject(connection);
            }
        }
    }
}
