using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Client
{
    /// <summary>REST over the event WebSocket (Asterisk 22.4+): each request goes out as a RESTRequest frame with its
    /// own request_id, and the RESTResponse frame with that id answers it. Requests from several threads share the
    /// socket; answers may come in any order and between events. Events of the socket keep flowing to the hub
    /// (the -Wait of action cmdlets) and to a Receive-AriEvent for the same apps, which reads this socket.</summary>
    internal sealed class AriWebSocketTransport : IAriRestTransport
    {
        private sealed class Pending
        {
            public Pending(string described) => Described = described;
            public readonly string Described;
            public readonly TaskCompletionSource<RestResponseEvent> Answer =
                new TaskCompletionSource<RestResponseEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        private readonly AriEventStream _stream;
        private readonly bool _subscribeAll;
        private readonly string _where;
        private readonly ConcurrentDictionary<string, Pending> _pending = new ConcurrentDictionary<string, Pending>(StringComparer.Ordinal);
        // Unique per transport, so an answer can never be taken for another client's request on a shared server.
        private readonly string _idPrefix = Guid.NewGuid().ToString("N").Substring(0, 12);
        private long _lastId;

        /// <param name="where">The socket for messages: "ws://pbx:8088/ari/events?app=x", "from 10.0.0.5:41234".</param>
        internal AriWebSocketTransport(AriEventStream stream, bool subscribeAll, string where)
        {
            _stream = stream;
            _subscribeAll = subscribeAll;
            _where = where;
            stream.DropOldestWhenFull = true;
            stream.RestAnswers = Complete;
            stream.SocketLost += FailAll;
        }

        /// <summary>Opens /ari/events for <paramref name="apps"/> and carries the connection's REST over it; the socket
        /// reconnects like Receive-AriEvent's (requests in flight when it drops fail).</summary>
        public static async Task<AriWebSocketTransport> OpenAsync(AriConnection connection, IReadOnlyList<string> apps, bool subscribeAll, CancellationToken cancel)
        {
            var stream = await AriEventStream.OpenAsync(connection, apps, subscribeAll, cancel).ConfigureAwait(false);
            return new AriWebSocketTransport(stream, subscribeAll, AriEventStream.EventsUri(connection.BaseUri, apps, subscribeAll).ToString());
        }

        public string Name => "WebSocket";

        /// <summary>Requests sent and not answered yet.</summary>
        internal int PendingCount => _pending.Count;

        public string Describe(AriRequest request) => $"{request.Method} {request.PathAndQuery()} via WebSocket {_where}";

        /// <summary>The socket's stream for a Receive-AriEvent of exactly its apps, unless another one reads it.</summary>
        internal AriEventStream? TryLendStream(IReadOnlyList<string> apps, bool subscribeAll) =>
            subscribeAll == _subscribeAll && new HashSet<string>(apps, StringComparer.Ordinal).SetEquals(_stream.Apps) && _stream.TryLend()
                ? _stream
                : null;

        public async Task<AriResponse> SendAsync(AriRequest request, TimeSpan timeout, CancellationToken cancel)
        {
            var described = Describe(request);
            var id = _idPrefix + "-" + Interlocked.Increment(ref _lastId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var frame = JsonSerializer.SerializeToUtf8Bytes(new RestRequest
            {
                TransactionId = id,
                RequestId = id,
                Method = request.Method,
                Uri = request.Path,
                // Parameters as name/value pairs: nothing to escape, and Asterisk takes them like a query string.
                QueryStrings = request.Query.Count == 0 ? null
                    : request.Query.Select(q => new RestQueryStringParameter { Name = q.Key, Value = q.Value }).ToArray(),
                ContentType = request.JsonBody is null ? null : "application/json",
                MessageBody = request.JsonBody is null ? null : Encoding.UTF8.GetString(request.JsonBody),
            }, AriJsonContext.Default.RestRequest);

            var pending = new Pending(described);
            // Registered before sending: the answer may arrive before SendAsync returns.
            _pending[id] = pending;
            using var timer = new CancellationTokenSource(timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, timer.Token);
            var watch = Stopwatch.StartNew();
            RestResponseEvent answer;
            try
            {
                using (linked.Token.Register(() => pending.Answer.TrySetCanceled()))
                {
                    try
                    {
                        await _stream.SendAsync(frame, linked.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is WebSocketException || e is ObjectDisposedException || e is InvalidOperationException)
                    {
                        throw new AriException(0, $"Cannot send {described}: {e.Message}.", described, e);
                    }
                    answer = await pending.Answer.Task.ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                throw new AriException(0, $"ARI did not answer {described} within {timeout.TotalSeconds:0.###} s.", described, isTimeout: true);
            }
            finally
            {
                _pending.TryRemove(id, out _);
            }

            var body = answer.MessageBody is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(answer.MessageBody);
            if (answer.StatusCode >= 200 && answer.StatusCode < 300)
                return new AriResponse(described, answer.StatusCode, answer.ReasonPhrase, body, null, watch.Elapsed) { ContentType = answer.ContentType };
            throw new AriException(answer.StatusCode, AriRestClient.ErrorMessage(body, answer.StatusCode, answer.ReasonPhrase), described);
        }

        /// <summary>On the socket's reader thread: hands an answer to its request. An answer nobody waits for (its
        /// request timed out or was stopped) is dropped.</summary>
        private void Complete(RestResponseEvent answer)
        {
            if (_pending.TryGetValue(answer.RequestId, out var pending))
                pending.Answer.TrySetResult(answer);
        }

        /// <summary>The socket ended: no request sent on it can be answered any more.</summary>
        private void FailAll(string why)
        {
            foreach (var pending in _pending.Values)
                pending.Answer.TrySetException(new AriException(0, $"The WebSocket ended before ARI answered {pending.Described}: {why}", pending.Described));
        }

        public void Dispose()
        {
            _stream.Close();
            FailAll("the connection was closed");
        }
    }
}
