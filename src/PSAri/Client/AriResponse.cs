using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PSAri.Client
{
    /// <summary>A successful ARI answer: status, body bytes and the headers PSAri uses.</summary>
    internal sealed class AriResponse
    {
        public string Request { get; }
        public int StatusCode { get; }
        public string ReasonPhrase { get; }
        public byte[] Body { get; }
        public string? Location { get; }
        public TimeSpan Elapsed { get; }
        /// <summary>The media type of the body (application/json, audio/wav, ...), or null.</summary>
        public string? ContentType { get; set; }

        public AriResponse(string request, int statusCode, string reasonPhrase, byte[] body, string? location, TimeSpan elapsed)
        {
            Request = request;
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Body = body;
            Location = location;
            Elapsed = elapsed;
        }

        public string BodyText => Encoding.UTF8.GetString(Body);

        /// <summary>The body as a model; throws JsonException when it is not that model's JSON.</summary>
        public T Deserialize<T>(JsonTypeInfo<T> type) where T : class =>
            (Body.Length == 0 ? null : JsonSerializer.Deserialize(Body, type))
            ?? throw new JsonException($"{Request} answered {StatusCode} without a body.");
    }
}
