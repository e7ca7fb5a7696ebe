using System.Management.Automation;

namespace PSAri.Commands
{
    /// <summary>Remove-Module PSAri closes the connections it opened.</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => AriSessionState.CloseAll();
    }
}
