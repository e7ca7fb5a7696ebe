using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriMailbox: every mailbox ARI controls, or the named ones (GET /mailboxes[/{mailboxName}]).</summary>
    [Cmdlet(VerbsCommon.Get, "AriMailbox")]
    [OutputType(typeof(Mailbox))]
    public sealed class GetAriMailboxCommand : AriConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriMailboxCompleter))]
        public string[]? MailboxName { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (MailboxName is null)
            {
                var all = Send(new AriRequest("GET", "mailboxes"), AriJsonContext.Default.MailboxArray, null);
                if (all != null) WriteObject(all, enumerateCollection: true);
                return;
            }
            foreach (var name in MailboxName)
            {
                var mailbox = Send(new AriRequest("GET", "mailboxes", name), AriJsonContext.Default.Mailbox, name);
                if (mailbox != null) WriteObject(mailbox);
            }
        }
    }
}
