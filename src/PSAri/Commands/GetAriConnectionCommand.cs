using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Get-AriConnection: the connections of this runspace, or only its default.</summary>
    [Cmdlet(VerbsCommon.Get, "AriConnection")]
    [OutputType(typeof(AriConnection))]
    public sealed class GetAriConnectionCommand : AriCmdlet
    {
        /// <summary>Only the default connection, the one cmdlets use without -Connection.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        protected override void EndProcessing()
        {
            var state = AriSessionState.Current;
            if (Default)
            {
                if (state.Default != null) WriteObject(state.Default);
                return;
            }
            lock (state.Connections)
                WriteObject(state.Connections.ToArray(), enumerateCollection: true);
        }
    }
}
