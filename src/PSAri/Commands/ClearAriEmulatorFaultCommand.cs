using System.Management.Automation;

namespace PSAri.Commands
{
    /// <summary>Clear-AriEmulatorFault: removes every injected fault; stalled event sockets go on.</summary>
    [Cmdlet(VerbsCommon.Clear, "AriEmulatorFault")]
    [OutputType(typeof(void))]
    public sealed class ClearAriEmulatorFaultCommand : AriEmulatorCmdlet
    {
        protected override void EndProcessing() => ResolveEmulator().ClearFaults();
    }
}
