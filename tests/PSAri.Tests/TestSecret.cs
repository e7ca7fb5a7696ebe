using PSAri.Emulator;

namespace PSAri.Tests
{
    /// <summary>The one password every test uses (the Pester tests too: tests/TestSecret.ps1 holds the same). The
    /// test run ends with a scan of everything it produced for it (tests/Find-LeakedSecret.ps1), so a leak anywhere
    /// fails the run.</summary>
    internal static class TestSecret
    {
        public const string User = "asterisk";
        public const string Password = "PSAri-test-pw-6f2d91";

        /// <summary>"user:password", as in api_key and in a Basic header before encoding.</summary>
        public const string UserColonPassword = User + ":" + Password;

        /// <summary>The raw Authorization header line with these credentials, for tests that write HTTP by hand.</summary>
        public static readonly string AuthorizationLine =
            "Authorization: Basic " + System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(UserColonPassword)) + "\r\n";

        /// <summary>Emulator options that accept <see cref="User"/> with <see cref="Password"/>.</summary>
        public static AriEmulatorOptions Options() => new AriEmulatorOptions { UserName = User, Password = Password };
    }
}
