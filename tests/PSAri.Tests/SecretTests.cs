using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Client;
using PSAri.Commands;
using PSAri.Emulator;
using PSAri.Json;
using PSAri.Model;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>Secret hygiene: a known password never shows in what PSAri prints, throws or logs: ToString() of
    /// connections, credentials, exceptions, error records and events, every PowerShell stream of a session that
    /// connects, fails and receives events, and the emulator's request log. Nor does its Basic header value.</summary>
    public class SecretTests
    {
        private const string User = "opsuser";
        private const string Password = TestSecret.Password;
        private static readonly string BasicValue = Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));

        private static void AssertClean(string? text, string what)
        {
            if (text is null) return;
            Assert.False(text.Contains(Password, StringComparison.OrdinalIgnoreCase), $"{what} shows the password: {text}");
            Assert.False(text.Contains(Uri.EscapeDataString(Password), StringComparison.OrdinalIgnoreCase), $"{what} shows the escaped password: {text}");
            Assert.False(text.Contains(BasicValue, StringComparison.Ordinal), $"{what} shows the Basic credentials: {text}");
        }

        private static AriEmulator NewEmulator()
        {
            var emulator = new AriEmulator(TestSecret.Options());
            emulator.AddUser(User, Password);
            return emulator;
        }

        [Fact]
        public async Task ConnectionCredentialAndExceptionsNeverShowThePassword()
        {
            using var emulator = NewEmulator();
            var credential = new AriCredential(User, Password);
            AssertClean(credential.ToString(), "AriCredential.ToString()");
            // 30 s: this test is about what the texts contain, not about speed; with 5 s its first request timed out
            // once in CI while other tests ran alongside.
            using var connection = new AriConnection(emulator.BaseUri, credential, TimeSpan.FromSeconds(30));
            await connection.OpenAsync(default);
            AssertClean(connection.ToString(), "AriConnection.ToString()");

            // A failed request: 404 with ARI's message.
            var notFound = await Assert.ThrowsAsync<AriException>(() => connection.Rest.SendAsync(new AriRequest("GET", "channels", "nope"), default));
            // A wrong password (the real one is a prefix of it) and a server that is not there.
            using var wrong = new AriConnection(emulator.BaseUri, new AriCredential(User, Password + "x"), TimeSpan.FromSeconds(30));
            var rejected = await Assert.ThrowsAsync<AriException>(() => wrong.OpenAsync(default));
            Assert.Equal(401, rejected.StatusCode);
            using var nowhere = new AriConnection(new Uri("http://127.0.0.1:1/"), credential, TimeSpan.FromSeconds(30));
            var unreachable = await Assert.ThrowsAsync<AriException>(() => nowhere.OpenAsync(default));
            var timeout = new AriException(0, "slow", "GET x", isTimeout: true);

            foreach (var e in new[] { notFound, rejected, unreachable, timeout })
            {
                AssertClean(e.ToString(), "AriException.ToString()");
                AssertClean(e.Request, "AriException.Request");
                var record = AriErrors.Record(e, "target");
                AssertClean(record.ToString(), "ErrorRecord.ToString()");
                AssertClean(record.Exception.ToString(), "ErrorRecord.Exception");
                AssertClean(record.CategoryInfo.ToString(), "ErrorRecord.CategoryInfo");
                AssertClean(record.ErrorDetails?.ToString(), "ErrorRecord.ErrorDetails");
            }
            AssertClean(string.Join("\n", emulator.RequestLog), "the emulator's request log");
        }

        [Fact]
        public void TheWebSocketUrlNeverCarriesCredentials()
        {
            var uri = AriEventStream.EventsUri(new Uri("http://127.0.0.1:8088/"), new[] { "hello-world" }, subscribeAll: false);
            Assert.Equal("", uri.UserInfo);
            Assert.DoesNotContain("api_key", uri.Query, StringComparison.OrdinalIgnoreCase);
            // A base URI with credentials in it is refused before any stream opens.
            Assert.Throws<ArgumentException>(() => AriConnection.NormalizeBaseUri(new Uri($"http://{User}:{Uri.EscapeDataString(Password)}@127.0.0.1:8088/")));
        }

        [Fact]
        public async Task TheRequestLogNeverKeepsHeadersOrAnApiKey()
        {
            using var emulator = NewEmulator();
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", BasicValue);
            Assert.True((await http.GetAsync(new Uri(emulator.BaseUri, "ari/channels"))).IsSuccessStatusCode);
            using var plain = new HttpClient();
            var viaKey = await plain.GetAsync(new Uri(emulator.BaseUri, $"ari/channels?api_key={User}:{Uri.EscapeDataString(Password)}"));
            Assert.True(viaKey.IsSuccessStatusCode);
            var viaKeyRaw = await plain.GetAsync(new Uri(emulator.BaseUri, $"ari/bridges?a=1&api_key={User}:{Password}&b=2"));
            Assert.True(viaKeyRaw.IsSuccessStatusCode);
            var log = emulator.RequestLog;
            Assert.Equal(3, log.Count);
            Assert.Equal("GET /ari/bridges?a=1&api_key=REDACTED&b=2 HTTP/1.1", log[2]);
            AssertClean(string.Join("\n", log), "the emulator's request log");
        }

        /// <summary>A whole session in PowerShell: connect, fail, receive events, format everything; no stream shows the password.</summary>
        [Fact]
        public async Task NoPowerShellStreamOrFormattedObjectShowsThePassword()
        {
            using var emulator = NewEmulator();
            using var ps = PowerShell.Create();
            ps.AddCommand("Import-Module").AddParameter("Assembly", typeof(AriConnection).Assembly).Invoke();
            ps.Commands.Clear();
            var secure = new System.Security.SecureString();
            foreach (var ch in Password) secure.AppendChar(ch);
            var credential = new PSCredential(User, secure);
            ps.AddScript(@"param($Uri, $Credential)
                $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
                $c = Connect-Ari -BaseUri $Uri -Credential $Credential -Verbose
                Get-AriChannel -Id nope -Verbose -ErrorAction Continue
                Connect-Ari -BaseUri $Uri -Credential ([pscredential]::new($Credential.UserName, $Credential.Password)) -TimeoutSec 5 | Out-Null
                try { Connect-Ari -BaseUri $Uri -Credential ([pscredential]::new('nobody', $Credential.Password)) -ErrorAction Stop } catch { $_ | Out-String }
                Receive-AriEvent -Connection $c -App hello-world -Count 1 -Verbose")
                .AddParameter("Uri", emulator.BaseUri)
                .AddParameter("Credential", credential);
            var output = new PSDataCollection<PSObject>();
            var handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
            try
            {
                var clock = Stopwatch.StartNew();
                while (emulator.EventSocketCount("hello-world") == 0 && !handle.IsCompleted)
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the app never listened");
                    Thread.Sleep(10);
                }
                await emulator.PlaceCallAsync("1000");
                Assert.True(handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "no events");
                ps.EndInvoke(handle);
            }
            finally
            {
                if (!handle.IsCompleted) ps.Stop();
            }

            var texts = new List<(string, string?)>();
            var events = output.Where(o => o.BaseObject is AriMessage).ToList();
            Assert.True(events.Count == 1, "expected 1 event, got " + string.Join(", ", output));
            foreach (var o in output) texts.Add(("output", o.ToString()));
            foreach (var m in events.Select(e => (AriMessage)e.BaseObject))
            {
                texts.Add(("event ToString()", m.ToString()));
                texts.Add(("event Json", m.Json));
                texts.Add(("event Connection", m.Connection?.ToString()));
            }
            foreach (var r in ps.Streams.Error) texts.Add(("error", r + " " + r.Exception + " " + r.ErrorDetails));
            foreach (var r in ps.Streams.Verbose) texts.Add(("verbose", r.Message));
            foreach (var r in ps.Streams.Debug) texts.Add(("debug", r.Message));
            foreach (var r in ps.Streams.Warning) texts.Add(("warning", r.Message));
            foreach (var r in ps.Streams.Information) texts.Add(("information", r.ToString()));
            Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("/ari/channels/nope", StringComparison.Ordinal));
            Assert.NotEmpty(ps.Streams.Error);

            // Everything formatted as a user would see it: the events, the connections and the emulator.
            using var format = PowerShell.Create();
            format.AddScript("param($Items) $Items | Format-List * | Out-String -Width 400; $Items | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue; Get-AriConnection | Format-List * | Out-String")
                .AddParameter("Items", events.Select(e => e.BaseObject).Append(emulator).ToArray());
            foreach (var o in format.Invoke()) texts.Add(("formatted", o?.ToString()));
            texts.Add(("connection", ((AriMessage)events[0].BaseObject).Connection!.ToString()));

            foreach (var (what, text) in texts) AssertClean(text, what);
            AssertClean(string.Join("\n", emulator.RequestLog), "the emulator's request log");
            Assert.Contains(emulator.RequestLog, l => l.StartsWith("GET /ari/events?app=hello-world", StringComparison.Ordinal));
        }
    }
}
