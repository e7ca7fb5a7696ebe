using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Remove-AriMailbox: deletes a mailbox ARI controls (DELETE /mailboxes/{mailboxName}).</summary>
    [Cmdlet(VerbsCommon.Remove, "AriMailbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAriMailboxCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriMailboxCompleter))]
        public string MailboxName { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(MailboxName, "Delete the mailbox")) return;
            Send(new AriRequest("DELETE", "mailboxes", MailboxName), MailboxName);
        }
    }
}
