using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriApplication: the registered Stasis applications, or the named ones (GET /applications[/{applicationName}]).</summary>
    [Cmdlet(VerbsCommon.Get, "AriApplication")]
    [OutputType(typeof(Application))]
    public sealed class GetAriApplicationCommand : AriConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "Application")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string[]? ApplicationName { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (ApplicationName is null)
            {
                var all = Send(new AriRequest("GET", "applications"), AriJsonContext.Default.ApplicationArray, null);
                if (all != null) WriteObject(all, enumerateCollection: true);
                return;
            }
            foreach (var name in ApplicationName)
            {
                var app = Send(new AriRequest("GET", "applications", name), AriJsonContext.Default.Application, name);
                if (app != null) WriteObject(app);
            }
        }
    }
}
