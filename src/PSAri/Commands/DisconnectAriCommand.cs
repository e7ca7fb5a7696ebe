using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Disconnect-Ari: closes a connection (the default one unless given) and forgets it.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Ari", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class DisconnectAriCommand : AriCmdlet
    {
        /// <summary>The connections to close, or their names (wildcards allowed); by default the default connection.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AriConnectionArgument]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.AriConnectionNameCompleter))]
        public AriConnection[]? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var state = AriSessionState.Current;
            var targets = Connection ?? (state.Default is null ? new AriConnection[0] : new[] { state.Default });
            if (targets.Length == 0)
            {
                WriteError(AriErrors.Record("AriNoConnection", ErrorCategory.ObjectNotFound, null, "There is no ARI connection to disconnect."));
                return;
            }
            foreach (var connection in targets)
            {
                if (!ShouldProcess(connection.ToString(), "Disconnect")) continue;
                state.Remove(connection);
                connection.Dispose();
            }
        }
    }
}
