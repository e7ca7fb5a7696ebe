using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Json;

namespace PSAri.Client
{
    /// <summary>ARI's REST API over one HttpClient (one pooled, kept-alive TCP connection per server).
    /// Turns every failure into an <see cref="AriException"/> carrying ARI's own message.</summary>
    internal sealed class AriRestClient : IDisposable
    {
        private static readonly MediaTypeHeaderValue JsonType = new MediaTypeHeaderValue("application/json");
        private readonly HttpClient _http;
        private readonly Uri _ariRoot;
        private readonly AriTlsOptions _tls;

        public TimeSpan Timeout { get; }

        public AriRestClient(Uri baseUri, AriCredential credential, TimeSpan timeout, AriTlsOptions? tls = null)
        {
            _ariRoot = new Uri(baseUri, "ari/");
            Timeout = timeout;
            _tls = tls ?? AriTlsOptions.ForSystemTrust();
            var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
            _tls.Apply(handler);
            _http = new HttpClient(handler)
            {
                // Per-request timeouts come from a CancellationTokenSource, so they can be told apart from Ctrl+C.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _http.DefaultRequestHeaders.Authorization = credential.Authorization;
        }

        /// <summary>When set, every request goes over it instead of HTTP (REST over the event WebSocket); disposed with this client.</summary>
        internal IAriRestTransport? Transport { get; set; }

        public Uri UriOf(AriRequest request) => new Uri(_ariRoot, request.PathAndQuery());

        /// <summary>The request as errors and -Verbose show it: "METHOD URL", or the transport's words.</summary>
        public string Describe(AriRequest request) => Transport?.Describe(request) ?? $"{request.Method} {UriOf(request).AbsoluteUri}";

        public Task<AriResponse> SendAsync(AriRequest request, CancellationToken cancel, TimeSpan? timeout = null)
        {
            if (request.Problem != null) throw new ArgumentException(request.Problem);
            return Transport is null ? SendHttpAsync(request, cancel, timeout) : Transport.SendAsync(request, timeout ?? Timeout, cancel);
        }

        /// <summary>Sends over HTTP even when a <see cref="Transport"/> is set.</summary>
        internal async Task<AriResponse> SendHttpAsync(AriRequest request, CancellationToken cancel, TimeSpan? timeout = null)
        {
            if (request.Problem != null) throw new ArgumentException(request.Problem);
            var uri = UriOf(request);
            var described = $"{request.Method} {uri.AbsoluteUri}";
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
            if (request.JsonBody != null)
                message.Content = new ByteArrayContent(request.JsonBody) { Headers = { ContentType = JsonType } };

            var limit = timeout ?? Timeout;
            using var timer = new CancellationTokenSource(limit);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, timer.Token);
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await _http.SendAsync(message, linked.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status >= 200 && status < 300)
                    return new AriResponse(described, status, response.ReasonPhrase ?? "", body,
                        response.Headers.Location?.OriginalString, watch.Elapsed) { ContentType = response.Content.Headers.ContentType?.MediaType };
                throw new AriException(status, ErrorMessage(body, status, response.ReasonPhrase), described);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                throw new AriException(0, $"ARI did not answer {described} within {limit.TotalSeconds:0.###} s.", described, isTimeout: true);
            }
            catch (HttpRequestException e)
            {
                // A TLS failure, a refused or unreachable socket, or one that broke after the request went out (a body cut short).
                var root = Innermost(e);
                throw _tls.FailureOf(e, described) ?? new AriException(0, root is System.Net.Sockets.SocketException
                    ? $"Cannot reach ARI at {_ariRoot}: {root.Message}"
                    : $"The connection to ARI broke during {described}: {root.Message}", described, e);
            }
        }

        /// <summary>ARI's own words: "message" mostly, "error" on failed originates, else the start of whatever came.</summary>
        internal static string ErrorMessage(byte[] body, int status, string? reason)
        {
            if (body.Length > 0 && body[0] == (byte)'{')
            {
                try
                {
                    var error = JsonSerializer.Deserialize(body, AriJsonContext.Default.AriErrorBody);
                    var text = error?.Message ?? error?.Error;
                    if (!string.IsNullOrEmpty(text)) return text!;
                }
                catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is ArgumentException || e is FormatException || e is OverflowException)
                {
                    // Not ARI's error JSON: fall back to the status line.
                }
            }
            return $"{status} {reason}".Trim();
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }

        public void Dispose()
        {
            Transport?.Dispose();
            _http.Dispose();
        }
    }
}
