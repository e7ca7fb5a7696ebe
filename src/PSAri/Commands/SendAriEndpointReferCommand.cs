using System.Collections;
using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Send-AriEndpointRefer: asks a party to call another URI (SIP REFER) (POST /endpoints/refer, or
    /// POST /endpoints/{tech}/{resource}/refer).</summary>
    [Cmdlet(VerbsCommunications.Send, "AriEndpointRefer", DefaultParameterSetName = "To", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class SendAriEndpointReferCommand : AriConnectedCmdlet
    {
        /// <summary>Who gets the REFER, as a URI such as pjsip:alice.</summary>
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

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string From { get; set; } = "";

        /// <summary>The URI the party is asked to call (refer_to).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string ReferTo { get; set; } = "";

        /// <summary>The REFER goes to the endpoint itself, not to the party it is talking to (to_self).</summary>
        [Parameter]
        public SwitchParameter ToSelf { get; set; }

        [Parameter]
        public Hashtable? Variables { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var endpoint = ParameterSetName == "Endpoint";
            var target = endpoint ? Technology + "/" + Resource : To;
            if (!ShouldProcess(target, $"Refer to {ReferTo}")) return;
            var request = endpoint
                ? new AriRequest("POST", "endpoints", Technology, Resource, "refer")
                : new AriRequest("POST", "endpoints", "refer").With("to", To);
            request.With("from", From).With("refer_to", ReferTo)
                .With("to_self", MyInvocation.BoundParameters.ContainsKey(nameof(ToSelf)) ? ToSelf.IsPresent : (bool?)null)
                .WithVariables(AriConvert.ToStringDictionary(Variables));
            Send(request, target);
        }
    }
}
