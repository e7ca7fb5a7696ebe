using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Remove-AriLogChannel: deletes a log channel (DELETE /asterisk/logging/{logChannelName}).</summary>
    [Cmdlet(VerbsCommon.Remove, "AriLogChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAriLogChannelCommand : AriConnectedCmdlet
    {
        /// <summary>The log channel's name: its file name (such as messages.log) as given to Add-AriLogChannel.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriLogChannelCompleter))]
        public string LogChannelName { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(LogChannelName, "Remove log channel")) return;
            Send(new AriRequest("DELETE", "asterisk", "logging", LogChannelName), LogChannelName);
        }
    }
}
