using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Set-AriMailbox: creates or updates a mailbox's message counts, which Asterisk reports as message-waiting
    /// indication (PUT /mailboxes/{mailboxName}).</summary>
    [Cmdlet(VerbsCommon.Set, "AriMailbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Mailbox))]
    public sealed class SetAriMailboxCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriMailboxCompleter))]
        public string MailboxName { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ValidateRange(0, int.MaxValue)]
        public int OldMessages { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateRange(0, int.MaxValue)]
        public int NewMessages { get; set; }

        /// <summary>Write the mailbox afterwards (re-read with GET).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(MailboxName, $"Set {NewMessages} new and {OldMessages} old messages")) return;
            var request = new AriRequest("PUT", "mailboxes", MailboxName).With("oldMessages", OldMessages).With("newMessages", NewMessages);
            if (Send(request, MailboxName) is null) return;
            if (!PassThru) return;
            var mailbox = Send(new AriRequest("GET", "mailboxes", MailboxName), AriJsonContext.Default.Mailbox, MailboxName);
            if (mailbox != null) WriteObject(mailbox);
        }
    }
}
