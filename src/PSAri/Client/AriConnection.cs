using System;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Client
{
    /// <summary>A connection to one Asterisk server's ARI: its REST client and its event hub.
    /// Shows the base URI, the user and what the server said about itself; never the password.</summary>
    public sealed class AriConnection : IDisposable
    {
        private long _eventsReceived;
        private long _reconnects;
        private long _eventsDropped;
        private long _eventsQueued;

        /// <summary>The server root, for example http://pbx:8088/ (ARI lives under ari/).</summary>
        public Uri BaseUri { get; }
        /// <summary>A short name for the server (Connect-Ari -Name; by default host:port): the Server of every object read over this connection.</summary>
        public string Name { get; internal set; }
        public string UserName { get; }
        public string? AsteriskVersion { get; private set; }
        /// <summary>Asterisk's entity id: the asterisk_id of its events.</summary>
        public string? EntityId { get; private set; }
        public DateTimeOffset ConnectedAt { get; private set; }
        public bool IsOpen { get; private set; } = true;
        /// <summary>Events read from this connection's WebSockets.</summary>
        public long EventsReceived => Interlocked.Read(ref _eventsReceived);

        /// <summary>Events read but discarded. The event queue's policy is Block (see <see cref="EventQueuePolicy"/>):
        /// when a consumer falls behind, the reader stops reading and TCP holds the server back, so nothing is
        /// dropped and this stays 0 - except on a socket that also carries REST (-Transport WebSocket), where a full
        /// queue drops its oldest event so REST answers never wait behind events nobody reads.</summary>
        public long EventsDropped => Interlocked.Read(ref _eventsDropped);

        /// <summary>Events read and waiting in the queues of this connection's event streams for their pipeline
        /// (at most <see cref="EventQueueCapacity"/> per stream, plus the one its blocked reader holds).</summary>
        public long EventsQueued => Interlocked.Read(ref _eventsQueued);

        /// <summary>How many events one event stream holds between socket and pipeline before its reader waits.</summary>
        public int EventQueueCapacity => AriEventStream.QueueCapacity;

        /// <summary>What a full event queue does: Block (the reader stops reading the socket until the pipeline
        /// takes an event; TCP pushes back on the server; no event is lost).</summary>
        public string EventQueuePolicy => "Block";

        /// <summary>Waits registered now (-Wait of the action cmdlets): each is released when its event came,
        /// its object left the app, it timed out or was stopped, so this returns to 0.</summary>
        public int EventWaiters => Events.Count;

        /// <summary>Times an event stream of this connection came back after its socket dropped.</summary>
        public long Reconnects => Interlocked.Read(ref _reconnects);

        /// <summary>How REST requests travel: Http, or WebSocket (RESTRequest frames on the event socket).</summary>
        public string Transport => Rest.Transport?.Name ?? "Http";

        /// <summary>How the server's certificate is checked on https:// and wss:// (null for http://).</summary>
        public AriTlsOptions? Tls => BaseUri.Scheme == Uri.UriSchemeHttps ? TlsOptions : null;

        internal AriTlsOptions TlsOptions { get; }
        internal AriRestClient Rest { get; }
        internal AriEventHub Events { get; } = new AriEventHub();
        internal AriCredential Credential { get; }

        internal AriConnection(Uri baseUri, AriCredential credential, TimeSpan requestTimeout, AriTlsOptions? tls = null)
        {
            BaseUri = baseUri;
            Name = baseUri.Authority;
            UserName = credential.UserName;
            Credential = credential;
            TlsOptions = tls ?? AriTlsOptions.ForSystemTrust();
            Rest = new AriRestClient(baseUri, credential, requestTimeout, TlsOptions);
        }

        /// <summary>The server root for a user's URI: http(s) only, no credentials in it, "/ari" at the end optional.</summary>
        internal static Uri NormalizeBaseUri(Uri uri)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"'{uri}' is not an http:// or https:// URI, such as http://pbx:8088.");
            if (!string.IsNullOrEmpty(uri.UserInfo))
                throw new ArgumentException("The URI contains a user name or password; pass credentials with -Credential instead.");
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw new ArgumentException($"'{uri.GetLeftPart(UriPartial.Path)}' must not have a query or fragment.");
            var path = uri.AbsolutePath.TrimEnd('/');
            if (path.EndsWith("/ari", StringComparison.OrdinalIgnoreCase))
                path = path.Substring(0, path.Length - 4);
            return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path + "/").Uri;
        }

        /// <summary>Checks that the server is ARI and the credentials work (GET /ari/asterisk/info), and records what it says.</summary>
        internal async Task OpenAsync(CancellationToken cancel)
        {
            AriResponse response;
            try
            {
                response = await Rest.SendAsync(new AriRequest("GET", "asterisk", "info"), cancel).ConfigureAwait(false);
            }
            catch (AriException e) when (e.StatusCode == 401)
            {
                throw new AriException(401, $"ARI at {BaseUri} rejected the user name or password for user '{UserName}' (401 Authentication required).", e.Request, e);
            }
            catch (AriException e) when (e.StatusCode > 0)
            {
                throw new AriException(e.StatusCode,
                    $"The server at {BaseUri} is not an Asterisk ARI endpoint: GET /ari/asterisk/info answered {e.StatusCode} ({e.Message}). Check the URI and that ARI is enabled (http.conf and ari.conf).",
                    e.Request, e);
            }
            AsteriskInfo? info = null;
            try
            {
                info = response.Deserialize(AriJsonContext.Default.AsteriskInfo);
            }
            catch (System.Text.Json.JsonException)
            {
            }
            if (info?.System is null || string.IsNullOrEmpty(info.System.Version))
                throw new AriException(0,
                    $"The server at {BaseUri} is not an Asterisk ARI endpoint: GET /ari/asterisk/info answered {response.StatusCode} without Asterisk's system information.",
                    response.Request);
            AsteriskVersion = info.System.Version;
            EntityId = info.System.EntityId;
            ConnectedAt = DateTimeOffset.Now;
        }

        internal void CountEvent() => Interlocked.Increment(ref _eventsReceived);
        internal void CountReconnect() => Interlocked.Increment(ref _reconnects);
        internal void CountDropped() => Interlocked.Increment(ref _eventsDropped);
        internal void CountQueued(int change) => Interlocked.Add(ref _eventsQueued, change);

        public void Dispose()
        {
            if (!IsOpen) return;
            IsOpen = false;
            Events.Close();
            Rest.Dispose();
        }

        public override string ToString() => $"{UserName}@{BaseUri}";
    }
}
