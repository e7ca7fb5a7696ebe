using System.Management.Automation;

namespace PSAri.Commands
{
    /// <summary>Clear-AriEmulatorFault: removes every injected fault; stalled event sockets go on.</summary>
    [Cmdlet(VerbsCommon.Clear, "AriEmulatorFault", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class ClearAriEmulatorFaultCommand : AriEmulatorCmdlet
    {
        protected override void EndProcessing()
        {
            var emulator = ResolveEmulator();
            if (ShouldProcess(emulator.BaseUri.ToString(), "Clear all faults"))
                emulator.ClearFaults();
        }
    }
}
