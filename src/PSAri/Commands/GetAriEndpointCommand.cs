using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriEndpoint: every endpoint (GET /endpoints), those of one technology (GET /endpoints/{tech}),
    /// or one endpoint (GET /endpoints/{tech}/{resource}).</summary>
    [Cmdlet(VerbsCommon.Get, "AriEndpoint")]
    [OutputType(typeof(Endpoint))]
    public sealed class GetAriEndpointCommand : AriConnectedCmdlet
    {
        /// <summary>The channel technology, such as PJSIP.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Tech")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriEndpointCompleter))]
        public string? Technology { get; set; }

        /// <summary>The endpoint's resource name within the technology, such as alice.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriEndpointCompleter))]
        public string? Resource { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (Technology is null)
            {
                if (Resource != null)
                    ThrowTerminatingError(AriErrors.Record("AriResourceWithoutTechnology", ErrorCategory.InvalidArgument, Resource,
                        "-Resource needs -Technology: an endpoint is named technology/resource."));
                var all = Send(new AriRequest("GET", "endpoints"), AriJsonContext.Default.EndpointArray, null);
                if (all != null) WriteObject(all, enumerateCollection: true);
                return;
            }
            if (Resource is null)
            {
                var some = Send(new AriRequest("GET", "endpoints", Technology), AriJsonContext.Default.EndpointArray, Technology);
                if (some != null) WriteObject(some, enumerateCollection: true);
                return;
            }
            var target = Technology + "/" + Resource;
            var endpoint = Send(new AriRequest("GET", "endpoints", Technology, Resource), AriJsonContext.Default.Endpoint, target);
            if (endpoint != null) WriteObject(endpoint);
        }
    }
}
