using System;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Bench
{
    // The baseline of the core benchmark: what a C# programmer writes by hand for one known event type, a bare
    // ClientWebSocket read loop and System.Text.Json source generation with plain `set` properties.

    internal sealed class BareStasisStart
    {
        [JsonPropertyName("type")] public string Type { get; set; } = "";
        [JsonPropertyName("timestamp")] public DateTimeOffset Timestamp { get; set; }
        [JsonPropertyName("args")] public string[] Args { get; set; } = Array.Empty<string>();
        [JsonPropertyName("channel")] public BareChannel? Channel { get; set; }
        [JsonPropertyName("asterisk_id")] public string? AsteriskId { get; set; }
        [JsonPropertyName("application")] public string? Application { get; set; }
    }

    internal sealed class BareChannel
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("state")] public string State { get; set; } = "";
        [JsonPropertyName("protocol_id")] public string ProtocolId { get; set; } = "";
        [JsonPropertyName("caller")] public BareCallerId? Caller { get; set; }
        [JsonPropertyName("connected")] public BareCallerId? Connected { get; set; }
        [JsonPropertyName("accountcode")] public string AccountCode { get; set; } = "";
        [JsonPropertyName("dialplan")] public BareDialplan? Dialplan { get; set; }
        [JsonPropertyName("creationtime")] public DateTimeOffset CreationTime { get; set; }
        [JsonPropertyName("language")] public string Language { get; set; } = "";
    }

    internal sealed class BareCallerId
    {
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("number")] public string Number { get; set; } = "";
    }

    internal sealed class BareDialplan
    {
        [JsonPropertyName("context")] public string Context { get; set; } = "";
        [JsonPropertyName("exten")] public string Exten { get; set; } = "";
        [JsonPropertyName("priority")] public long Priority { get; set; }
        [JsonPropertyName("app_name")] public string AppName { get; set; } = "";
        [JsonPropertyName("app_data")] public string AppData { get; set; } = "";
    }

    /// <summary>Asterisk writes "+0000"; the built-in DateTimeOffset reader wants "+00:00".</summary>
    internal sealed class BareTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.ParseExact(reader.GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            throw new NotSupportedException();
    }

    [JsonSourceGenerationOptions(Converters = new[] { typeof(BareTimestampConverter) })]
    [JsonSerializable(typeof(BareStasisStart))]
    internal sealed partial class BareJsonContext : JsonSerializerContext
    {
    }

    internal static class BareClient
    {
        /// <summary>Reads <paramref name="count"/> frames and deserializes each; returns the last, so nothing is optimized away.</summary>
        public static async Task<BareStasisStart?> ReceiveAsync(Uri events, string user, string password, int count, Action onOpen)
        {
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
            await socket.ConnectAsync(events, CancellationToken.None);
            onOpen();
            var buffer = new byte[64 * 1024];
            BareStasisStart? last = null;
            for (var n = 0; n < count;)
            {
                var filled = 0;
                WebSocketReceiveResult r;
                do
                {
                    r = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, filled, buffer.Length - filled), CancellationToken.None);
                    filled += r.Count;
                } while (!r.EndOfMessage);
                if (r.MessageType != WebSocketMessageType.Text) throw new InvalidOperationException("The socket closed early.");
                last = JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, 0, filled), BareJsonContext.Default.BareStasisStart);
                if (last?.Type == "StasisStart") n++;
            }
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            return last;
        }

        /// <summary>Reads <paramref name="count"/> frames without parsing them: how fast the emulator can send.</summary>
        public static async Task CountFramesAsync(Uri events, string user, string password, int count, Action onOpen)
        {
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
            socket.Options.SetBuffer(64 * 1024, 4 * 1024); // as little as possible between the emulator and the count
            await socket.ConnectAsync(events, CancellationToken.None);
            onOpen();
            var buffer = new byte[64 * 1024];
            for (var n = 0; n < count;)
            {
                var r = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The socket closed early.");
                if (r.EndOfMessage) n++;
            }
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
    }
}
