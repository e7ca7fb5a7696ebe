using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Connect-Ari: checks an ARI server and its credentials and makes the connection the runspace's default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Ari", DefaultParameterSetName = SystemTrustSet)]
    [OutputType(typeof(AriConnection))]
    public sealed class ConnectAriCommand : AriCmdlet
    {
        private const string SystemTrustSet = "SystemTrust";
        [Parameter(Mandatory = true, Position = 0)]
        public Uri BaseUri { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double TimeoutSec { get; set; } = 30;

        /// <summary>https only: the server's chain must end in this CA (a certificate or the path of its PEM/DER file).</summary>
        [Parameter(Mandatory = true, ParameterSetName = nameof(CertificateAuthority))]
        [ValidateNotNull]
        [AriCertificateArgument]
        public X509Certificate2 CertificateAuthority { get; set; } = null!;

        /// <summary>https only: accept exactly the server certificate with this SHA-256 thumbprint.</summary>
        [Parameter(Mandatory = true, ParameterSetName = nameof(CertificateThumbprint))]
        [ValidateNotNullOrEmpty]
        public string CertificateThumbprint { get; set; } = null!;

        /// <summary>https only: do not check the server's certificate at all (with a warning).</summary>
        [Parameter(Mandatory = true, ParameterSetName = nameof(SkipCertificateCheck))]
        public SwitchParameter SkipCertificateCheck { get; set; }

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
            var credential = ToAriCredential(Credential);
            AriTlsOptions tls;
            try
            {
                tls = TlsFor(root);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "AriInvalidTlsOption", ErrorCategory.InvalidArgument, ParameterSetName));
                return;
            }
            if (tls.Mode == AriTlsMode.SkipCheck)
                WriteWarning($"-SkipCertificateCheck: the certificate of {root.Host} is not checked, so anyone on the way can pose as the server and read the ARI password and traffic. Use -CertificateAuthority or -CertificateThumbprint instead.");
            var connection = new AriConnection(root, credential, TimeSpan.FromSeconds(TimeoutSec), tls);
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
            if (connection.Tls != null) WriteVerbose($"Server certificate check: {connection.Tls}.");
            WriteVerbose($"Connected to Asterisk {connection.AsteriskVersion} ({connection.EntityId}) at {root} as {connection.UserName}, REST over {connection.Transport}.");
            AriSessionState.Current.Add(connection);
            WriteObject(connection);
        }

        private AriTlsOptions TlsFor(Uri root)
        {
            if (ParameterSetName != SystemTrustSet && root.Scheme != Uri.UriSchemeHttps)
                throw new ArgumentException($"-{ParameterSetName} applies to https:// addresses; '{root}' is not one.");
            return ParameterSetName switch
            {
                nameof(CertificateAuthority) => AriTlsOptions.ForAuthority(CertificateAuthority),
                nameof(CertificateThumbprint) => AriTlsOptions.ForThumbprint(CertificateThumbprint),
                nameof(SkipCertificateCheck) when SkipCertificateCheck => AriTlsOptions.ForSkipCheck(),
                _ => AriTlsOptions.ForSystemTrust(),
            };
        }
    }
}
