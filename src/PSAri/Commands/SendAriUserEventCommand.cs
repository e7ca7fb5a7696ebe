using System.Collections;
using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Send-AriUserEvent: sends a ChannelUserevent to an application (POST /events/user/{eventName}).</summary>
    [Cmdlet(VerbsCommunications.Send, "AriUserEvent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class SendAriUserEventCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string EventName { get; set; } = "";

        /// <summary>The application that receives the event.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string Application { get; set; } = "";

        /// <summary>Objects the event is about: channel:ID, bridge:ID, endpoint:TECH/RESOURCE.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Source { get; set; }

        /// <summary>The event's values; their JSON types are kept (numbers, booleans, nested tables).</summary>
        [Parameter]
        public Hashtable? Variable { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var sources = AriJsonBody.JoinList(this, nameof(Source), Source, EventName);
            var request = new AriRequest("POST", "events", "user", EventName).With("application", Application).With("source", sources);
            if (Variable != null)
                request.JsonBody = AriJsonBody.Serialize(new Hashtable { ["variables"] = Variable });
            if (!ShouldProcess(Application, "Send user event " + EventName)) return;
            Send(request, EventName);
        }
    }
}
