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

        /// <summary>Http (the default), or WebSocket: REST requests travel as RESTRequest frames on an event socket for -App.</summary>
        [Parameter]
        [ValidateSet("Http", "WebSocket")]
        public string Transport { get; set; } = "Http";

        /// <summary>With -Transport WebSocket: the Stasis applications of the socket that carries the requests.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string[]? App { get; set; }

        /// <summary>A short name for the server, shown as the Server of every object read over this connection (default: host:port).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void EndProcessing()
        {
            var overWebSocket = string.Equals(Transport, "WebSocket", StringComparison.OrdinalIgnoreCase);
            if (overWebSocket != (App != null))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(overWebSocket
                        ? "-Transport WebSocket needs -App: Asterisk opens an event socket only for named Stasis applications."
                        : "-App is used only with -Transport WebSocket."),
                    "AriTransportNeedsApp", ErrorCategory.InvalidArgument, App));
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
                if (overWebSocket)
                {
                    WriteVerbose($"Opening {AriEventStream.EventsUri(root, App!, false)} to carry REST over WebSocket.");
                    connection.Rest.Transport = Await(AriWebSocketTransport.OpenAsync(connection, App!, false, Cancel));
                }
                WriteVerbose(connection.Rest.Describe(new AriRequest("GET", "asterisk", "info")));
                Await(connection.OpenAsync(Cancel));
            }
            catch (AriException e)
            {
                connection.Dispose();
                ThrowTerminatingError(AriErrors.Record(e, root));
            }
            catch (ArgumentException e)
            {
                connection.Dispose();
                ThrowTerminatingError(new ErrorRecord(e, "AriInvalidApp", ErrorCategory.InvalidArgument, App));
            }
            catch (PipelineStoppedException)
            {
                connection.Dispose();
                throw;
            }
            WriteVerbose($"Connected to Asterisk {connection.AsteriskVersion} ({connection.EntityId}) at {root} as {connection.UserName}, REST over {connection.Transport}.");
            AriSessionState.Current.Add(connection);
            WriteObject(connection);
        }
    }
}
