using System.Collections;
using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Send-AriEndpointMessage: sends a text message to a URI (PUT /endpoints/sendMessage) or to an endpoint
    /// (PUT /endpoints/{tech}/{resource}/sendMessage).</summary>
    [Cmdlet(VerbsCommunications.Send, "AriEndpointMessage", DefaultParameterSetName = "To", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class SendAriEndpointMessageCommand : AriConnectedCmdlet
    {
        /// <summary>The destination URI, such as pjsip:alice or sip:bob@example.com.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "To")]
        [ValidateNotNullOrEmpty]
        public string To { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = "Endpoint", ValueFromPipelineByPropertyName = true)]
        [Alias("Tech")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriEndpointCompleter))]
        public string Technology { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = "Endpoint", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriEndpointCompleter))]
        public string Resource { get; set; } = "";

        /// <summary>The sender, such as pjsip:ari or an address.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string From { get; set; } = "";

        [Parameter]
        public string? Body { get; set; }

        /// <summary>Technology-specific key/value pairs sent with the message (for example extra SIP headers).</summary>
        [Parameter]
        public Hashtable? Variables { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var endpoint = ParameterSetName == "Endpoint";
            var target = endpoint ? Technology + "/" + Resource : To;
            if (!ShouldProcess(target, "Send a message")) return;
            var request = endpoint
                ? new AriRequest("PUT", "endpoints", Technology, Resource, "sendMessage")
                : new AriRequest("PUT", "endpoints", "sendMessage").With("to", To);
            request.With("from", From).With("body", Body).WithVariables(AriConvert.ToStringDictionary(Variables));
            Send(request, target);
        }
    }
}
