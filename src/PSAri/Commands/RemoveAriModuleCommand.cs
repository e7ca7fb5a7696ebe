using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Remove-AriModule: unloads an Asterisk module (DELETE /asterisk/modules/{moduleName}).</summary>
    [Cmdlet(VerbsCommon.Remove, "AriModule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAriModuleCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriModuleCompleter))]
        public string ModuleName { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(ModuleName, "Unload module")) return;
            Send(new AriRequest("DELETE", "asterisk", "modules", ModuleName), ModuleName);
        }
    }
}
