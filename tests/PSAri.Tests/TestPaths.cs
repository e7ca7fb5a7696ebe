using System;
using System.IO;

namespace PSAri.Tests
{
    /// <summary>Where the repository and the shared reference material (../shared beside it) are.</summary>
    internal static class TestPaths
    {
        public static string RepoRoot { get; } = FindRepoRoot();

        /// <summary>../shared/asterisk-22-transcripts, or PSARI_SHARED/asterisk-22-transcripts when set.</summary>
        public static string Transcripts =>
            Path.Combine(Environment.GetEnvironmentVariable("PSARI_SHARED") ?? Path.Combine(RepoRoot, "..", "shared"), "asterisk-22-transcripts");

        private static string FindRepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PSAri.psd1")))
                    return dir.FullName;
            throw new InvalidOperationException("PSAri.psd1 not found above " + AppContext.BaseDirectory);
        }
    }
}
