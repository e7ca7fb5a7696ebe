using Xunit;

namespace PSAri.Tests
{
    /// <summary>Tests that measure the emulator's real-time behaviour (playback lengths) run alone: on a
    /// two-core machine the other test classes starve the thread pool and delay the emulator's timers.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class TimingCollection
    {
        public const string Name = "Timing";
    }
}
