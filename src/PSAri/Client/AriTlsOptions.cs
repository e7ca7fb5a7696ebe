using System;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Net.WebSockets;
using System.Reflection;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace PSAri.Client
{
    /// <summary>How a connection checks the server's certificate on https:// and wss://.</summary>
    public enum AriTlsMode
    {
        /// <summary>The chain must end in a CA the machine trusts, and the certificate must name the host.</summary>
        SystemTrust,
        /// <summary>The chain must end in the given CA (not installed anywhere), and the certificate must name the host.</summary>
        CertificateAuthority,
        /// <summary>The server's certificate must have the given SHA-256 thumbprint; its chain and names are not checked.</summary>
        PinnedCertificate,
        /// <summary>No check at all (an explicit opt-in of Connect-Ari -SkipCertificateCheck).</summary>
        SkipCheck,
    }

    /// <summary>A connection's certificate check, used by both its HttpClient (REST) and its ClientWebSocket (events),
    /// so every request and every reconnect checks the same way. It always replaces the platform's check, so a failure
    /// says what was wrong and how to fix it instead of "the remote certificate is invalid".</summary>
    public sealed class AriTlsOptions
    {
        // netstandard2.0's reference surface lacks ClientWebSocketOptions.RemoteCertificateValidationCallback (added in
        // .NET Core 2.1); the .NET that PowerShell 7.6 runs on has it, so it is set by reflection.
        private static readonly PropertyInfo? SocketCallback = typeof(ClientWebSocketOptions).GetProperty("RemoteCertificateValidationCallback");
        private const string Fixes = "Trust its CA with -CertificateAuthority <CA certificate or PEM file>, pin it with -CertificateThumbprint, or (tests only) turn the check off with -SkipCertificateCheck.";

        // Why the last handshake was refused: the platform reports only that the callback said no.
        private string? _lastFailure;

        private AriTlsOptions(AriTlsMode mode, X509Certificate2? authority = null, string? thumbprint = null)
        {
            Mode = mode;
            CertificateAuthority = authority;
            Thumbprint = thumbprint;
        }

        public AriTlsMode Mode { get; }
        /// <summary>The CA the server's chain must end in (mode CertificateAuthority).</summary>
        public X509Certificate2? CertificateAuthority { get; }
        /// <summary>The SHA-256 thumbprint of the pinned server certificate, upper-case hex (mode PinnedCertificate).</summary>
        public string? Thumbprint { get; }

        // Factories, not shared instances: each connection keeps its own last failure.
        public static AriTlsOptions ForSystemTrust() => new AriTlsOptions(AriTlsMode.SystemTrust);
        public static AriTlsOptions ForSkipCheck() => new AriTlsOptions(AriTlsMode.SkipCheck);

        public static AriTlsOptions ForAuthority(X509Certificate2 authority) =>
            new AriTlsOptions(AriTlsMode.CertificateAuthority, authority ?? throw new ArgumentNullException(nameof(authority)));

        /// <summary>A pin from SHA-256 hex; colons, spaces and dashes between the bytes are allowed.</summary>
        public static AriTlsOptions ForThumbprint(string thumbprint)
        {
            var hex = new string((thumbprint ?? "").Where(c => c != ':' && c != ' ' && c != '-').ToArray()).ToUpperInvariant();
            if (hex.Length == 40 && hex.All(Uri.IsHexDigit))
                throw new ArgumentException($"'{thumbprint}' looks like a SHA-1 thumbprint; give the SHA-256 thumbprint of the server's certificate (64 hex digits).");
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
                throw new ArgumentException($"'{thumbprint}' is not a SHA-256 thumbprint (64 hex digits).");
            return new AriTlsOptions(AriTlsMode.PinnedCertificate, thumbprint: hex);
        }

        /// <summary>The SHA-256 thumbprint of a certificate, upper-case hex.</summary>
        public static string Sha256Of(X509Certificate certificate)
        {
            using var sha = SHA256.Create();
            return string.Concat(sha.ComputeHash(certificate.GetRawCertData()).Select(b => b.ToString("X2")));
        }

        internal void Apply(HttpClientHandler handler) =>
            handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
                Accept(request.RequestUri?.Host ?? "", certificate, chain, errors);

        internal void Apply(ClientWebSocketOptions options, string host)
        {
            if (SocketCallback is null)
                throw new PlatformNotSupportedException("This .NET cannot check the certificate of a WebSocket; PSAri needs PowerShell 7.");
            RemoteCertificateValidationCallback check = (_, certificate, chain, errors) =>
                Accept(host, certificate is null ? null : certificate as X509Certificate2 ?? new X509Certificate2(certificate), chain, errors);
            SocketCallback.SetValue(options, check);
        }

        private bool Accept(string host, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            var problem = Problem(host, certificate, chain, errors);
            if (problem != null) _lastFailure = problem;
            return problem is null;
        }

        /// <summary>What is wrong with the server's certificate for this mode, or null when it is accepted.</summary>
        internal string? Problem(string host, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (Mode == AriTlsMode.SkipCheck) return null;
            if (certificate is null) return $"The server at {host} sent no certificate.";
            var actual = Sha256Of(certificate);
            if (Mode == AriTlsMode.PinnedCertificate)
                return actual == Thumbprint ? null
                    : $"The certificate of {host} ('{certificate.Subject}') has the SHA-256 thumbprint {actual}, not the pinned {Thumbprint}.";
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                return $"The certificate of the server names {NamesOf(certificate)}, not '{host}' that the URI asks for. "
                    + $"Connect with a name the certificate holds, or pin it with -CertificateThumbprint {actual}.";
            if (Mode == AriTlsMode.SystemTrust)
                return errors == SslPolicyErrors.None ? null
                    : $"The certificate of {host} ('{certificate.Subject}', issued by '{certificate.Issuer}') is not trusted: {Describe(chain)}. {Fixes} Its SHA-256 thumbprint is {actual}.";
            return AuthorityProblem(host, certificate, chain);
        }

        /// <summary>Builds the chain again with the given CA as the only extra trust anchor: it must end there, valid.</summary>
        private string? AuthorityProblem(string host, X509Certificate2 certificate, X509Chain? presented)
        {
            using var own = new X509Chain();
            own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            own.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            own.ChainPolicy.ExtraStore.Add(CertificateAuthority!);
            if (presented != null)
                foreach (var element in presented.ChainElements) own.ChainPolicy.ExtraStore.Add(element.Certificate);
            own.Build(certificate);
            var top = own.ChainElements[own.ChainElements.Count - 1].Certificate;
            if (!top.RawData.SequenceEqual(CertificateAuthority!.RawData))
                return $"The certificate chain of {host} ('{certificate.Subject}', issued by '{certificate.Issuer}') does not end in the CA given with -CertificateAuthority ('{CertificateAuthority.Subject}'). "
                    + $"Pass the CA that issued it, or pin it with -CertificateThumbprint {Sha256Of(certificate)}.";
            var bad = own.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError && s.Status != X509ChainStatusFlags.UntrustedRoot).ToArray();
            return bad.Length == 0 ? null
                : $"The certificate chain of {host} ends in the given CA but is not valid: {string.Join("; ", bad.Select(s => s.Status + " " + s.StatusInformation.Trim()))}.";
        }

        private static string Describe(X509Chain? chain)
        {
            var statuses = chain?.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError).Select(s => s.Status.ToString()).Distinct().ToArray();
            return statuses is null || statuses.Length == 0 ? "its chain does not end in a CA this machine trusts" : "its chain has " + string.Join(", ", statuses);
        }

        /// <summary>The names a certificate holds: its subject alternative names, else its subject.</summary>
        private static string NamesOf(X509Certificate2 certificate)
        {
            var names = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
            return names is null ? certificate.Subject : $"{names.Format(false)} (subject {certificate.Subject})";
        }

        /// <summary>An AriTlsException when the failure was the TLS handshake, with the reason the check gave; else null.</summary>
        internal AriException? FailureOf(Exception e, string request)
        {
            for (var inner = e; inner != null; inner = inner.InnerException)
                if (inner is AuthenticationException)
                    return new AriTlsException(Interlocked.Exchange(ref _lastFailure, null) ?? $"The TLS handshake failed: {inner.Message}", request, e);
            return null;
        }

        /// <summary>What the connection object shows; never anything secret.</summary>
        public override string ToString() => Mode switch
        {
            AriTlsMode.CertificateAuthority => $"CA '{CertificateAuthority!.Subject}'",
            AriTlsMode.PinnedCertificate => $"Pinned SHA-256 {Thumbprint}",
            AriTlsMode.SkipCheck => "Not checked (-SkipCertificateCheck)",
            _ => "System trust",
        };
    }

    /// <summary>The server's certificate was refused (or the TLS handshake failed): the message says why and how to fix it.</summary>
    public sealed class AriTlsException : AriException
    {
        public AriTlsException(string message, string request, Exception? inner = null) : base(0, message, request, inner) { }
    }
}
