using System;
using System.Management.Automation;
using System.Text;
using PSAri.Client;
using PSAri.Commands;
using Xunit;

namespace PSAri.Tests
{
    public class PathEscapingTests
    {
        private static readonly Uri Root = new Uri("http://127.0.0.1:8088/");

        private static string UriOf(params string[] segments)
        {
            using var rest = new AriRestClient(Root, new AriCredential("u", "p"), TimeSpan.FromSeconds(1));
            return rest.UriOf(new AriRequest("GET", segments)).AbsoluteUri;
        }

        [Theory]
        [InlineData("1795796782.1", "http://127.0.0.1:8088/ari/channels/1795796782.1")]
        [InlineData("a/b", "http://127.0.0.1:8088/ari/channels/a%2Fb")]
        [InlineData("a/../b", "http://127.0.0.1:8088/ari/channels/a%2F..%2Fb")]
        [InlineData("x?y#z", "http://127.0.0.1:8088/ari/channels/x%3Fy%23z")]
        [InlineData("100%", "http://127.0.0.1:8088/ari/channels/100%25")]
        [InlineData("with space", "http://127.0.0.1:8088/ari/channels/with%20space")]
        [InlineData("Local/1000@default-00000000;2", "http://127.0.0.1:8088/ari/channels/Local%2F1000%40default-00000000%3B2")]
        [InlineData("ünï", "http://127.0.0.1:8088/ari/channels/%C3%BCn%C3%AF")]
        public void IdsStayOneSegment(string id, string expected) => Assert.Equal(expected, UriOf("channels", id));

        [Theory]
        [InlineData("")]
        [InlineData(".")]
        [InlineData("..")]
        public async System.Threading.Tasks.Task IdsThatCannotBeOneSegmentAreRejected(string id)
        {
            var request = new AriRequest("GET", "channels", id);
            Assert.NotNull(request.Problem);
            using var rest = new AriRestClient(Root, new AriCredential("u", "p"), TimeSpan.FromSeconds(1));
            await Assert.ThrowsAsync<ArgumentException>(() => rest.SendAsync(request, default));
        }

        [Fact]
        public void QueryValuesAreEscapedAndNullsLeftOut()
        {
            var request = new AriRequest("POST", "channels", "c1", "play")
                .With("media", "sound:hello-world,tone:1&x=y").With("lang", null).With("skipms", 3000).With("flag", true);
            Assert.Equal("channels/c1/play?media=sound%3Ahello-world%2Ctone%3A1%26x%3Dy&skipms=3000&flag=true", request.PathAndQuery());
        }

        [Theory]
        [InlineData("http://pbx:8088", "http://pbx:8088/")]
        [InlineData("http://pbx:8088/", "http://pbx:8088/")]
        [InlineData("http://pbx:8088/ari", "http://pbx:8088/")]
        [InlineData("https://pbx/asterisk/ari/", "https://pbx/asterisk/")]
        public void BaseUriIsNormalised(string given, string expected) =>
            Assert.Equal(expected, AriConnection.NormalizeBaseUri(new Uri(given)).AbsoluteUri);

        [Theory]
        [InlineData("ftp://pbx:8088/")]
        [InlineData("http://user:secret@pbx:8088/")]
        [InlineData("http://pbx:8088/?api_key=a:b")]
        public void BadBaseUrisAreRefused(string given)
        {
            var e = Assert.Throws<ArgumentException>(() => AriConnection.NormalizeBaseUri(new Uri(given)));
            Assert.DoesNotContain("secret", e.Message);
        }
    }

    public class EventsUriTests
    {
        [Fact]
        public void AppsAreJoinedWithCommasAndNoCredentials()
        {
            var uri = AriEventStream.EventsUri(new Uri("http://127.0.0.1:8088/"), new[] { "hello-world", "a b" }, subscribeAll: true);
            Assert.Equal("ws://127.0.0.1:8088/ari/events?app=hello-world,a%20b&subscribeAll=true", uri.AbsoluteUri);
            Assert.Equal("", uri.UserInfo);
        }

        [Fact]
        public void HttpsBecomesWss() =>
            Assert.StartsWith("wss://", AriEventStream.EventsUri(new Uri("https://pbx/"), new[] { "x" }, false).AbsoluteUri);

        [Theory]
        [InlineData("a,b")]
        [InlineData("")]
        [InlineData(" ")]
        public void BadAppNamesAreRefused(string app) =>
            Assert.Throws<ArgumentException>(() => AriEventStream.EventsUri(new Uri("http://h/"), new[] { app }, false));
    }

    public class ErrorMappingTests
    {
        [Theory]
        [InlineData("{\"message\":\"Channel not found\"}", "Channel not found")]
        [InlineData("{\"error\":\"Allocation failed\"}", "Allocation failed")]
        [InlineData("<html><body>HTTP request is missing param: [app]</body></html>", "400 Bad Request")]
        [InlineData("", "400 Bad Request")]
        [InlineData("{\"message\":", "400 Bad Request")]
        public void AriOwnMessageIsKept(string body, string expected) =>
            Assert.Equal(expected, AriRestClient.ErrorMessage(Encoding.UTF8.GetBytes(body), 400, "Bad Request"));

        [Theory]
        [InlineData(400, ErrorCategory.InvalidArgument)]
        [InlineData(401, ErrorCategory.AuthenticationError)]
        [InlineData(403, ErrorCategory.PermissionDenied)]
        [InlineData(404, ErrorCategory.ObjectNotFound)]
        [InlineData(409, ErrorCategory.InvalidOperation)]
        [InlineData(412, ErrorCategory.InvalidOperation)]
        [InlineData(422, ErrorCategory.InvalidData)]
        [InlineData(500, ErrorCategory.ConnectionError)]
        [InlineData(503, ErrorCategory.ConnectionError)]
        [InlineData(0, ErrorCategory.ConnectionError)]
        public void StatusBecomesCategory(int status, ErrorCategory category)
        {
            var record = AriErrors.Record(new AriException(status, "m", "GET x"), "target-id");
            Assert.Equal(category, record.CategoryInfo.Category);
            Assert.Equal("target-id", record.TargetObject);
            Assert.Equal(status == 0 ? "AriConnectionFailed" : "AriHttp" + status, record.FullyQualifiedErrorId);
            Assert.Equal("m", record.Exception.Message);
        }

        [Fact]
        public void TimeoutIsOperationTimeout()
        {
            var record = AriErrors.Record(new AriException(0, "slow", "GET x", isTimeout: true), null);
            Assert.Equal(ErrorCategory.OperationTimeout, record.CategoryInfo.Category);
            Assert.Equal("AriTimeout", record.FullyQualifiedErrorId);
        }
    }

    public class CredentialTests
    {
        [Fact]
        public void PasswordIsNotInToStringOfCredentialOrConnection()
        {
            var credential = new AriCredential(TestSecret.User, TestSecret.Password);
            Assert.DoesNotContain(TestSecret.Password, credential.ToString());
            using var connection = new AriConnection(new Uri("http://127.0.0.1:1/"), credential, TimeSpan.FromSeconds(1));
            Assert.DoesNotContain(TestSecret.Password, connection.ToString());
            Assert.Equal("asterisk@http://127.0.0.1:1/", connection.ToString());
        }

        [Fact]
        public void UserNameWithColonIsRefused() => Assert.Throws<ArgumentException>(() => new AriCredential("a:b", "p"));
    }
}

namespace PSAri.Tests
{
    public class ReconnectPolicyTests
    {
        [Fact]
        public void DelayDoublesWithJitterAndStopsAtTheMaximum()
        {
            var policy = new PSAri.Client.AriReconnectPolicy { InitialDelay = System.TimeSpan.FromMilliseconds(100), MaxDelay = System.TimeSpan.FromSeconds(1) };
            for (var i = 0; i < 200; i++)
            {
                Xunit.Assert.InRange(policy.DelayBefore(1).TotalMilliseconds, 50, 100);
                Xunit.Assert.InRange(policy.DelayBefore(3).TotalMilliseconds, 200, 400);
                Xunit.Assert.InRange(policy.DelayBefore(60).TotalMilliseconds, 500, 1000);
            }
        }
    }
}
