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

        /// <summary>The body as a model; throws JsonException (only) when it is not that model's JSON.</summary>
        public T Deserialize<T>(JsonTypeInfo<T> type) where T : class
        {
            T? value;
            try
            {
                value = Body.Length == 0 ? null : JsonSerializer.Deserialize(Body, type);
            }
            catch (Exception e) when (e is InvalidOperationException || e is FormatException || e is OverflowException || e is ArgumentException)
            {
                // Values the reader or a converter cannot represent: the same kind of failure as malformed JSON.
                throw new JsonException($"{Request} answered {StatusCode} with a body that is not a valid {typeof(T).Name}: {e.Message}", e);
            }
            return value ?? throw new JsonException($"{Request} answered {StatusCode} without a body.");
        }
    }
}
