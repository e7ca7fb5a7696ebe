using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Remove-AriApplicationSubscription: ends an application's subscriptions (DELETE /applications/{applicationName}/subscription).</summary>
    [Cmdlet(VerbsCommon.Remove, "AriApplicationSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Application))]
    public sealed class RemoveAriApplicationSubscriptionCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "Application")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string ApplicationName { get; set; } = "";

        /// <summary>Event sources: channel:ID, bridge:ID, endpoint:TECH[/RESOURCE], deviceState:NAME.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string[] EventSource { get; set; } = new string[0];

        protected override void ProcessConnectionRecord()
        {
            var sources = AriJsonBody.JoinList(this, nameof(EventSource), EventSource, ApplicationName);
            if (!ShouldProcess(ApplicationName, "Unsubscribe from " + sources)) return;
            var app = Send(new AriRequest("DELETE", "applications", ApplicationName, "subscription").With("eventSource", sources),
                AriJsonContext.Default.Application, ApplicationName);
            if (app != null) WriteObject(app);
        }
    }
}
