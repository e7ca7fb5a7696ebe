using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriModule: the loaded modules, or the named ones (GET /asterisk/modules[/{moduleName}]).</summary>
    [Cmdlet(VerbsCommon.Get, "AriModule")]
    [OutputType(typeof(AsteriskModule))]
    public sealed class GetAriModuleCommand : AriConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriModuleCompleter))]
        public string[]? ModuleName { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (ModuleName is null)
            {
                var all = Send(new AriRequest("GET", "asterisk", "modules"), AriJsonContext.Default.AsteriskModuleArray, null);
                if (all != null) WriteObject(all, enumerateCollection: true);
                return;
            }
            foreach (var name in ModuleName)
            {
                var module = Send(new AriRequest("GET", "asterisk", "modules", name), AriJsonContext.Default.AsteriskModule, name);
                if (module != null) WriteObject(module);
            }
        }
    }
}
