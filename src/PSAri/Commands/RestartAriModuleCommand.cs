using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Restart-AriModule: reloads an Asterisk module (PUT /asterisk/modules/{moduleName}).</summary>
    [Cmdlet(VerbsLifecycle.Restart, "AriModule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AsteriskModule))]
    public sealed class RestartAriModuleCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriModuleCompleter))]
        public string ModuleName { get; set; } = "";

        /// <summary>Writes the module (read again with GET) after the request succeeded.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(ModuleName, "Reload module")) return;
            var response = Send(new AriRequest("PUT", "asterisk", "modules", ModuleName), ModuleName);
            if (response != null && PassThru)
            {
                var module = Send(new AriRequest("GET", "asterisk", "modules", ModuleName), AriJsonContext.Default.AsteriskModule, ModuleName);
                if (module != null) WriteObject(module);
            }
        }
    }
}
