using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PSAri.Json
{
    /// <summary>Reads and writes Asterisk's timestamps, "2026-11-27T16:26:23.132+0000": the offset has no
    /// colon, which System.Text.Json's own DateTimeOffset parser rejects.</summary>
    internal sealed class AriTimestampConverter : JsonConverter<DateTimeOffset>
    {
        private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"Expected a timestamp string, got {reader.TokenType}.");
            if (!reader.HasValueSequence && !reader.ValueIsEscaped && TryParseAsterisk(reader.ValueSpan, out var value))
                return value;
            var text = reader.GetString()!;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
                return value;
            throw new JsonException($"'{text}' is not a timestamp.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            var offset = value.Offset;
            var sign = offset < TimeSpan.Zero ? '-' : '+';
            offset = offset.Duration();
            writer.WriteStringValue(
                value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)
                + sign + offset.Hours.ToString("00", CultureInfo.InvariantCulture) + offset.Minutes.ToString("00", CultureInfo.InvariantCulture));
        }

        /// <summary>The fast path for Asterisk's exact shape: yyyy-MM-ddTHH:mm:ss.fff(+|-)hhmm.</summary>
        internal static bool TryParseAsterisk(ReadOnlySpan<byte> s, out DateTimeOffset value)
        {
            value = default;
            if (s.Length != 28 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.'
                || (s[23] != '+' && s[23] != '-'))
                return false;
            if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
                || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
                || !Digits(s, 20, 3, out var ms) || !Digits(s, 24, 2, out var offH) || !Digits(s, 26, 2, out var offM))
                return false;
            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 1 : year, month) || hour > 23
                || minute > 59 || second > 59 || offH > 14 || offM > 59 || year == 0)
                return false;
            var offset = new TimeSpan(offH, offM, 0);
            if (s[23] == '-') offset = -offset;
            // DateTimeOffset allows +-14:00 at most, and its UTC time must stay within years 1..9999.
            var local = new DateTime(year, month, day, hour, minute, second, ms);
            var utcTicks = local.Ticks - offset.Ticks;
            if (offset.Duration() > MaxOffset || utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
                return false;
            value = new DateTimeOffset(local, offset);
            return true;
        }

        private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var d = s[i] - (byte)'0';
                if ((uint)d > 9) return false;
                value = value * 10 + d;
            }
            return true;
        }
    }
}
