using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Receive-AriOutboundEvent: listens for Asterisk's outbound ARI WebSockets (Asterisk 22.5+) and writes
    /// their events like Receive-AriEvent. Each event's Connection sends REST over the socket it came on, so
    /// downstream cmdlets act on the right server and call.</summary>
    [Cmdlet(VerbsCommunications.Receive, "AriOutboundEvent")]
    [OutputType(typeof(AriEvent), typeof(AriMessage))]
    public sealed class ReceiveAriOutboundEventCommand : AriCmdlet
    {
        /// <summary>The TCP port of websocket_client.conf's uri; 0 picks a free one (see -Verbose).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>The user name and password Asterisk presents (websocket_client.conf username/password).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>The local address to listen on; 127.0.0.1 unless Asterisk runs on another machine.</summary>
        [Parameter]
        [ValidateNotNull]
        public IPAddress Address { get; set; } = IPAddress.Loopback;

        /// <summary>Accept TLS (wss://) presenting this certificate, which must have its private key.</summary>
        [Parameter]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Write only events of these types (wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Type { get; set; }

        /// <summary>Stop after writing this many events (counted after -Type).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        /// <summary>Stop quietly after this many seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, double.MaxValue)]
        public double Timeout { get; set; }

        /// <summary>How long each REST request over an accepted socket may take, in seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double TimeoutSec { get; set; } = 30;

        protected override void EndProcessing()
        {
            if (Certificate != null && !Certificate.HasPrivateKey)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("The -Certificate has no private key, so it cannot serve TLS."),
                    "AriCertificateWithoutKey", ErrorCategory.InvalidArgument, Certificate.Subject));
            var credential = ToAriCredential(Credential);
            AriOutboundListener listener;
            try
            {
                listener = new AriOutboundListener(Address, Port, credential, Certificate, TimeSpan.FromSeconds(TimeoutSec));
            }
            catch (System.Net.Sockets.SocketException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "AriListenFailed", ErrorCategory.ResourceUnavailable, $"{Address}:{Port}"));
                return;
            }
            WriteVerbose($"Listening on {(Certificate is null ? "ws" : "wss")}://{listener.LocalEndpoint} for Asterisk's outbound WebSocket (user {credential.UserName}).");
            var limits = new AriEventLimits(Type, Count, Timeout);
            try
            {
                while (limits.TryGetWait(out var wait))
                {
                    if (!listener.TryTake(out var item, wait, Cancel)) continue;
                    switch (item)
                    {
                        case AriListenerNotice { Warning: true } notice:
                            WriteWarning(notice.Text);
                            continue;
                        case AriListenerNotice notice:
                            WriteVerbose(notice.Text);
                            continue;
                        case AriException e:
                            WriteError(AriErrors.Record(e, null));
                            continue;
                        case Exception e:
                            WriteError(new ErrorRecord(e, "AriUnreadableEvent", ErrorCategory.InvalidData, null));
                            continue;
                    }
                    var message = (AriMessage)item;
                    if (!limits.Wants(message.Type)) continue;
                    WriteObject(message);
                    if (limits.CountWritten()) break;
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop listening at once; the sockets are closed below.
            }
            finally
            {
                listener.Dispose();
            }
        }
    }
}
