using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Set-AriApplicationEventFilter: sets which event types an application receives
    /// (PUT /applications/{applicationName}/eventFilter). Neither list: the filter is cleared.</summary>
    [Cmdlet(VerbsCommon.Set, "AriApplicationEventFilter", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Application))]
    public sealed class SetAriApplicationEventFilterCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "Application")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string ApplicationName { get; set; } = "";

        /// <summary>Event types the application receives (only these, when given); an empty array clears the list.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? Allowed { get; set; }

        /// <summary>Event types the application does not receive; an empty array clears the list.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? Disallowed { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var request = new AriRequest("PUT", "applications", ApplicationName, "eventFilter");
            if (Allowed != null || Disallowed != null)
            {
                var body = new OrderedDictionary();
                if (Allowed != null) body["allowed"] = Allowed.Select(Entry).ToArray();
                if (Disallowed != null) body["disallowed"] = Disallowed.Select(Entry).ToArray();
                request.JsonBody = AriJsonBody.Serialize(body);
            }
            if (!ShouldProcess(ApplicationName, "Set event filter")) return;
            var app = Send(request, AriJsonContext.Default.Application, ApplicationName);
            if (app != null) WriteObject(app);
        }

        private static OrderedDictionary Entry(string type) => new OrderedDictionary { ["type"] = type };
    }
}
