using System;
using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Connect-Ari: checks an ARI server and its credentials and makes the connection the runspace's default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Ari")]
    [OutputType(typeof(AriConnection))]
    public sealed class ConnectAriCommand : AriCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public Uri BaseUri { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double TimeoutSec { get; set; } = 30;

        /// <summary>A short name for the server, shown as the Server of every object read over this connection (default: host:port).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void EndProcessing()
        {
            Uri root;
            try
            {
                root = AriConnection.NormalizeBaseUri(BaseUri);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "AriInvalidBaseUri", ErrorCategory.InvalidArgument, BaseUri));
                return;
            }
            AriCredential credential;
            try
            {
                credential = new AriCredential(Credential.UserName, Credential.GetNetworkCredential().Password);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "AriInvalidCredential", ErrorCategory.InvalidArgument, Credential.UserName));
                return;
            }
            var connection = new AriConnection(root, credential, TimeSpan.FromSeconds(TimeoutSec));
            if (Name != null) connection.Name = Name;
            try
            {
                WriteVerbose($"GET {new Uri(root, "ari/asterisk/info")}");
                Await(connection.OpenAsync(Cancel));
            }
            catch (AriException e)
            {
                connection.Dispose();
                ThrowTerminatingError(AriErrors.Record(e, root));
            }
            catch (PipelineStoppedException)
            {
                connection.Dispose();
                throw;
            }
            WriteVerbose($"Connected to Asterisk {connection.AsteriskVersion} ({connection.EntityId}) at {root} as {connection.UserName}.");
            AriSessionState.Current.Add(connection);
            WriteObject(connection);
        }
    }
}
