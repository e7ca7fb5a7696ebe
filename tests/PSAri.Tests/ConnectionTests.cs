using System;
using System.Threading.Tasks;
using PSAri.Client;
using PSAri.Emulator;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>The client's connection check against the emulator.</summary>
    public class ConnectionTests
    {
        [Fact]
        public async Task OpenReadsVersionAndEntityId()
        {
            using var emulator = new AriEmulator(TestSecret.Options());
            using var connection = new AriConnection(emulator.BaseUri, new AriCredential(TestSecret.User, TestSecret.Password), TimeSpan.FromSeconds(5));
            await connection.OpenAsync(default);
            Assert.Equal("22.10.1", connection.AsteriskVersion);
            Assert.Equal(emulator.EntityId, connection.EntityId);
        }

        [Fact]
        public async Task WrongPasswordIs401AndSaysSo()
        {
            using var emulator = new AriEmulator(TestSecret.Options());
            using var connection = new AriConnection(emulator.BaseUri, new AriCredential("asterisk", "nope-123"), TimeSpan.FromSeconds(5));
            var e = await Assert.ThrowsAsync<AriException>(() => connection.OpenAsync(default));
            Assert.Equal(401, e.StatusCode);
            Assert.Contains("rejected the user name or password", e.Message);
            Assert.DoesNotContain("nope-123", e.ToString());
        }
    }
}
