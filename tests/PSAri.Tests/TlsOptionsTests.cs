using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PSAri.Client;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>The certificate checks that need no server (Tls.Tests.ps1 runs the rest through nginx).</summary>
    public class TlsOptionsTests
    {
        private static X509Certificate2 Authority(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30));
        }

        private static X509Certificate2 Leaf(X509Certificate2 issuer, DateTimeOffset from, DateTimeOffset to)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            return request.Create(issuer, from, to, new byte[] { 1, 2, 3, 4 });
        }

        [Fact]
        public void AnExpiredCertificateFromTheGivenCaIsRefusedSayingSo()
        {
            var ca = Authority("Test CA");
            var expired = Leaf(ca, DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(-10));
            var problem = AriTlsOptions.ForAuthority(ca).Problem("localhost", expired, null, SslPolicyErrors.RemoteCertificateChainErrors);
            Assert.Contains("ends in the given CA but is not valid", problem);
            Assert.Contains("NotTimeValid", problem);
        }

        [Fact]
        public void AValidCertificateFromTheGivenCaIsAccepted()
        {
            var ca = Authority("Test CA");
            var leaf = Leaf(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            Assert.Null(AriTlsOptions.ForAuthority(ca).Problem("localhost", leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.Contains("does not end in the CA given", AriTlsOptions.ForAuthority(Authority("Other CA")).Problem("localhost", leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
        }

        [Fact]
        public void SkipAcceptsAnythingAndSystemTrustOnlyWhatThePlatformAccepted()
        {
            var leaf = Leaf(Authority("Test CA"), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            Assert.Null(AriTlsOptions.ForSkipCheck().Problem("localhost", null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
            Assert.Null(AriTlsOptions.ForSystemTrust().Problem("localhost", leaf, null, SslPolicyErrors.None));
            Assert.Contains("sent no certificate", AriTlsOptions.ForSystemTrust().Problem("localhost", null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
        }

        [Theory]
        [InlineData("ab", "not a SHA-256 thumbprint")]
        [InlineData("0123456789abcdef0123456789abcdef01234567", "looks like a SHA-1 thumbprint")]
        [InlineData("zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "not a SHA-256 thumbprint")]
        public void ThumbprintsThatAreNotSha256AreRefused(string thumbprint, string message) =>
            Assert.Contains(message, Assert.Throws<ArgumentException>(() => AriTlsOptions.ForThumbprint(thumbprint)).Message);

        [Fact]
        public void ThumbprintsAreNormalized() =>
            Assert.Equal(new string('A', 64), AriTlsOptions.ForThumbprint(string.Join(":", Enumerable.Repeat("aa", 32))).Thumbprint);
    }
}
