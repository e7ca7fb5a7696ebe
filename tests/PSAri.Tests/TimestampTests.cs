using System;
using PSAri.Json;
using Xunit;

namespace PSAri.Tests
{
    public class TimestampTests
    {
        [Fact]
        public void AsteriskTimestampWithoutColonParses()
        {
            Assert.True(AriTimestampConverter.TryParseAsterisk("2026-11-27T16:26:23.132+0000"u8, out var t));
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 16, 26, 23, 132, TimeSpan.Zero), t);
        }

        [Fact]
        public void NegativeOffsetParses()
        {
            Assert.True(AriTimestampConverter.TryParseAsterisk("2026-01-02T03:04:05.006-0530"u8, out var t));
            Assert.Equal(TimeSpan.FromMinutes(-330), t.Offset);
        }

        [Theory]
        [InlineData("2026-13-27T16:26:23.132+0000")]
        [InlineData("2026-11-27 16:26:23.132+0000")]
        [InlineData("2026-11-27T16:26:23+0000")]
        public void OtherShapesAreNotTheFastPath(string text)
        {
            Assert.False(AriTimestampConverter.TryParseAsterisk(System.Text.Encoding.ASCII.GetBytes(text), out _));
        }
    }
}
