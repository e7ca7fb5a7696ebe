using System.Linq;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Add-AriLogChannel: adds a log file with the given levels (POST /asterisk/logging/{logChannelName}).</summary>
    [Cmdlet(VerbsCommon.Add, "AriLogChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LogChannel))]
    public sealed class AddAriLogChannelCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string LogChannelName { get; set; } = "";

        /// <summary>The levels to log (notice, warning, error, verbose, debug, dtmf, ...), sent comma-separated.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Configuration { get; set; } = new string[0];

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var levels = AriJsonBody.JoinList(this, nameof(Configuration), Configuration, LogChannelName);
            if (!ShouldProcess(LogChannelName, "Add log channel")) return;
            var response = Send(new AriRequest("POST", "asterisk", "logging", LogChannelName).With("configuration", levels), LogChannelName);
            if (response is null || !PassThru) return;
            var all = Send(new AriRequest("GET", "asterisk", "logging"), AriJsonContext.Default.LogChannelArray, LogChannelName);
            if (all != null) WriteObject(all.Where(c => GetAriLogChannelCommand.Matches(c, LogChannelName)).ToArray(), enumerateCollection: true);
        }
    }
}
