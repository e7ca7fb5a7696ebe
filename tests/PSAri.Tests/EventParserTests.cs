using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using PSAri.Json;
using PSAri.Model;
using Xunit;

namespace PSAri.Tests
{
    public class EventParserTests
    {
        private const string Ts = "2026-11-27T16:26:23.132+0000";

        private const string ChannelJson =
            "{\"id\":\"1.2\",\"name\":\"Local/wait@default-00000001;1\",\"state\":\"Up\",\"protocol_id\":\"\",\"caller\":{\"name\":\"\",\"number\":\"\"}," +
            "\"connected\":{\"name\":\"\",\"number\":\"\"},\"accountcode\":\"\",\"dialplan\":{\"context\":\"default\",\"exten\":\"wait\",\"priority\":1," +
            "\"app_name\":\"Stasis\",\"app_data\":\"x\"},\"creationtime\":\"" + Ts + "\",\"language\":\"en\"}";

        private static AriMessage Parse(string text) => AriEventParser.Parse(Encoding.UTF8.GetBytes(text));

        [Fact]
        public void UnknownEventTypeIsAPlainAriEventThatKeepsEveryField()
        {
            var text = "{\"type\":\"ChannelTeleported\",\"timestamp\":\"" + Ts + "\",\"destination\":{\"planet\":\"Mars\",\"n\":1}," +
                       "\"list\":[1,\"a\"],\"asterisk_id\":\"02:fc\",\"application\":\"app\"}";
            var m = Parse(text);

            Assert.Equal(typeof(AriEvent), m.GetType());
            var e = (AriEvent)m;
            Assert.Equal("ChannelTeleported", e.Type);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 16, 26, 23, 132, TimeSpan.Zero), e.Timestamp);
            Assert.Equal("app", e.Application);
            Assert.Equal("02:fc", e.AsteriskId);
            Assert.NotNull(e.UnknownProperties);
            Assert.Equal("{\"planet\":\"Mars\",\"n\":1}", e.UnknownProperties!["destination"]);
            Assert.Equal("[1,\"a\"]", e.UnknownProperties["list"]);
            Assert.Equal(text, e.Json);
            // Written back, the unknown fields are still there.
            var again = JsonSerializer.Serialize(e, AriJsonContext.Wire.AriEvent);
            Assert.Contains("\"destination\":{\"planet\":\"Mars\",\"n\":1}", again);
        }

        [Fact]
        public void UnknownFieldsOnKnownTypesAreKeptAtEveryLevel()
        {
            var channel = ChannelJson.Insert(ChannelJson.Length - 1, ",\"future_field\":\"x\"");
            var text = "{\"type\":\"StasisEnd\",\"timestamp\":\"" + Ts + "\",\"channel\":" + channel +
                       ",\"new_thing\":42,\"asterisk_id\":\"02:fc\",\"application\":\"app\"}";
            var e = Assert.IsType<StasisEndEvent>(Parse(text));

            Assert.Equal("1.2", e.ChannelId);
            Assert.Equal("42", e.UnknownProperties!["new_thing"]);
            Assert.Equal("\"x\"", e.Channel!.UnknownProperties!["future_field"]);
            Assert.Null(e.Channel.Dialplan.UnknownProperties);
            var again = JsonSerializer.Serialize(e, AriJsonContext.Wire.StasisEndEvent);
            Assert.Contains("\"future_field\":\"x\"", again);
            Assert.Contains("\"new_thing\":42", again);
        }

        [Fact]
        public void ConvenienceIdsComeFromTheNestedObjects()
        {
            var bridge = "{\"id\":\"br1\",\"technology\":\"simple_bridge\",\"bridge_type\":\"mixing\",\"bridge_class\":\"stasis\",\"creator\":\"Stasis\"," +
                         "\"name\":\"\",\"channels\":[\"1.2\"],\"creationtime\":\"" + Ts + "\",\"video_mode\":\"talker\"}";
            var entered = Assert.IsType<ChannelEnteredBridgeEvent>(Parse(
                "{\"type\":\"ChannelEnteredBridge\",\"timestamp\":\"" + Ts + "\",\"bridge\":" + bridge + ",\"channel\":" + ChannelJson + ",\"application\":\"a\"}"));
            Assert.Equal("br1", entered.BridgeId);
            Assert.Equal("1.2", entered.ChannelId);
            Assert.Equal(new[] { "1.2" }, entered.Bridge.ChannelIds);

            var rec = Assert.IsType<RecordingFinishedEvent>(Parse(
                "{\"type\":\"RecordingFinished\",\"timestamp\":\"" + Ts + "\",\"recording\":{\"name\":\"sub/rec\",\"format\":\"wav\",\"state\":\"done\"," +
                "\"target_uri\":\"channel:1.2\",\"duration\":2},\"application\":\"a\"}"));
            Assert.Equal("sub/rec", rec.RecordingName);
            Assert.Equal(2, rec.Recording.Duration);

            var ep = Assert.IsType<EndpointStateChangeEvent>(Parse(
                "{\"type\":\"EndpointStateChange\",\"timestamp\":\"" + Ts + "\",\"endpoint\":{\"technology\":\"PJSIP\",\"resource\":\"alice\"," +
                "\"state\":\"online\",\"channel_ids\":[]},\"application\":\"a\"}"));
            Assert.Equal("PJSIP/alice", ep.EndpointId);

            var dev = Assert.IsType<DeviceStateChangedEvent>(Parse(
                "{\"type\":\"DeviceStateChanged\",\"application\":\"a\",\"timestamp\":\"" + Ts + "\",\"device_state\":{\"name\":\"Stasis:x\",\"state\":\"INUSE\"}}"));
            Assert.Equal("Stasis:x", dev.DeviceName);
            Assert.Equal("a", dev.Application);
        }

        [Fact]
        public void UsereventValuesKeepTheirJsonTypes()
        {
            var text = "{\"type\":\"ChannelUserevent\",\"timestamp\":\"" + Ts + "\",\"eventname\":\"ev\",\"userevent\":{\"s\":\"v\",\"n\":1," +
                       "\"d\":1.5,\"b\":true,\"z\":null,\"o\":{\"k\":[1,\"x\"]},\"eventname\":\"ev\"},\"asterisk_id\":\"id\",\"application\":\"a\"}";
            var e = Assert.IsType<ChannelUsereventEvent>(Parse(text));
            Assert.Equal("v", e.UserEvent["s"]);
            Assert.Equal(1L, e.UserEvent["n"]);
            Assert.Equal(1.5m, e.UserEvent["d"]);
            Assert.Equal(true, e.UserEvent["b"]);
            Assert.Null(e.UserEvent["z"]);
            var o = Assert.IsType<Dictionary<string, object?>>(e.UserEvent["o"]);
            Assert.Equal(new object?[] { 1L, "x" }, Assert.IsType<object?[]>(o["k"]));
            Assert.Null(e.ChannelId);
            Assert.Equal(text, JsonSerializer.Serialize(e, AriJsonContext.Wire.ChannelUsereventEvent));
        }

        [Fact]
        public void SpecialKeyOrdersAreWrittenLikeAsterisk()
        {
            var varset = new ChannelVarsetEvent { Type = "ChannelVarset", Variable = "V", Value = "1", Application = "a", AsteriskId = "id",
                                                  Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.Zero) };
            Assert.Equal("{\"variable\":\"V\",\"value\":\"1\",\"type\":\"ChannelVarset\",\"timestamp\":\"2026-01-02T03:04:05.006+0000\",\"asterisk_id\":\"id\",\"application\":\"a\"}",
                JsonSerializer.Serialize(varset, AriJsonContext.Wire.ChannelVarsetEvent));

            var replaced = new ApplicationReplacedEvent { Type = "ApplicationReplaced", Application = "a", AsteriskId = "id" };
            Assert.Equal("{\"type\":\"ApplicationReplaced\",\"timestamp\":\"0001-01-01T00:00:00.000+0000\",\"application\":\"a\",\"asterisk_id\":\"id\"}",
                JsonSerializer.Serialize(replaced, AriJsonContext.Wire.ApplicationReplacedEvent));

            var hangup = new ChannelHangupRequestEvent { Type = "ChannelHangupRequest", Cause = 16, Application = "a" };
            Assert.StartsWith("{\"cause\":16,\"type\":\"ChannelHangupRequest\",\"timestamp\"", JsonSerializer.Serialize(hangup, AriJsonContext.Wire.ChannelHangupRequestEvent));
        }

        public static IEnumerable<object[]> Malformed() => new[]
        {
            new object[] { "" },
            new object[] { "not json" },
            new object[] { "[1,2]" },
            new object[] { "[{\"type\":\"StasisStart\"}]" },
            new object[] { "\"StasisStart\"" },
            new object[] { "42" },
            new object[] { "null" },
            new object[] { "{}" },
            new object[] { "{\"timestamp\":\"" + Ts + "\",\"application\":\"a\"}" },
            new object[] { "{\"type\":5}" },
            new object[] { "{\"type\":null}" },
            new object[] { "{\"type\":{\"name\":\"StasisStart\"}}" },
            new object[] { "{\"type\":[\"StasisStart\"]}" },
            new object[] { "{\"type\":\"StasisStart\",\"timestamp\":\"2026" },
            new object[] { "{\"type\":\"StasisStart\",\"timestamp\":\"" + Ts + "\",\"channel\":{\"id\":\"1" },
            new object[] { "{\"type\":\"StasisStart\"" },
            new object[] { "{\"type\"" },
            new object[] { "{\"args\":[],\"type\"" },
            new object[] { "{\"type\":\"StasisStart\"} trailing" },
            new object[] { "{\"type\":\"StasisStart\",\"timestamp\":\"yesterday\"}" },
            new object[] { "{\"type\":\"StasisStart\",\"timestamp\":42}" },
            new object[] { "{\"type\":\"StasisStart\",\"channel\":\"1.2\"}" },
            new object[] { "{\"type\":\"StasisStart\",\"args\":\"a,b\"}" },
            new object[] { "{\"type\":\"ChannelHangupRequest\",\"cause\":99999999999}" },
            new object[] { "{\"type\":\"ChannelHangupRequest\",\"cause\":\"16\"}" },
            new object[] { "{\"type\":\"ChannelUserevent\",\"userevent\":[1]}" },
            new object[] { "{\"type\":\"Unknown\",\"x\":" },
            new object[] { "{\"type\":\"StasisStart\",,}" },
            new object[] { "{'type':'StasisStart'}" },
        };

        [Theory]
        [MemberData(nameof(Malformed))]
        public void MalformedFramesThrowJsonExceptionOnly(string text)
        {
            var ex = Record.Exception(() => Parse(text));
            Assert.NotNull(ex);
            Assert.True(ex is JsonException, $"'{text}' threw {ex!.GetType().FullName}: {ex.Message}");
        }

        [Fact]
        public void InvalidUtf8ThrowsJsonExceptionOnly()
        {
            byte[][] frames =
            {
                new byte[] { (byte)'{', (byte)'"', (byte)'t', (byte)'y', (byte)'p', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' },
                WithByte("{\"type\":\"StasisStart\",\"args\":[\"#\"]}", '#', 0xFF),
                WithByte("{\"type\":\"StasisStart\",\"timestamp\":\"#\"}", '#', 0xC3),
                WithByte("{\"type\":\"Unknown#\",\"x\":1}", '#', 0xFE),
                new byte[] { 0xFF, 0xFE, (byte)'{', (byte)'}' },
            };
            foreach (var f in frames)
            {
                var ex = Record.Exception(() => AriEventParser.Parse(f));
                Assert.True(ex is JsonException, $"{BitConverter.ToString(f)} threw {ex?.GetType().FullName ?? "nothing"}: {ex?.Message}");
            }
        }
    
        private static byte[] WithByte(string text, char marker, byte value)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            bytes[Array.IndexOf(bytes, (byte)marker)] = value;
            return bytes;
        }
    }
}
