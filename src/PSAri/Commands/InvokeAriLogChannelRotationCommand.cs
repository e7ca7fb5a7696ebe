using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriLogChannelRotation: rotates a log channel's file (PUT /asterisk/logging/{logChannelName}/rotate).</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriLogChannelRotation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class InvokeAriLogChannelRotationCommand : AriConnectedCmdlet
    {
        /// <summary>The log channel's name: its file name (such as messages.log) as given to Add-AriLogChannel.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriLogChannelCompleter))]
        public string LogChannelName { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(LogChannelName, "Rotate log channel")) return;
            Send(new AriRequest("PUT", "asterisk", "logging", LogChannelName, "rotate"), LogChannelName);
        }
    }
}
