using System;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Emulator
{
    // Asterisk's outbound WebSocket (22.5+), persistent kind: Asterisk connects to the application (ari.conf
    // type = outbound_websocket + websocket_client.conf), sends ApplicationRegistered for each app, then serves
    // the apps over that socket exactly like an inbound /ari/events socket, REST requests included; after a drop
    // it connects again every reconnect_interval. Per-call connections are not emulated.
    public sealed partial class AriEmulator
    {
        private Task? _outbound;
        private int _outboundConnections;
        private int _outboundFailures;

        /// <summary>Outbound WebSockets opened so far (reconnects included).</summary>
        public int OutboundConnections => Volatile.Read(ref _outboundConnections);

        /// <summary>Outbound connection attempts that failed (refused credentials, nothing listening ...).</summary>
        public int OutboundFailures => Volatile.Read(ref _outboundFailures);

        /// <summary>True while the outbound WebSocket is open.</summary>
        public bool OutboundConnected { get; private set; }

        /// <summary>Checked before the emulator starts listening, so a bad option leaves nothing running.</summary>
        private static void CheckOutbound(AriEmulatorOptions options)
        {
            if (options.OutboundUri is null) return;
            if (!options.OutboundUri.IsAbsoluteUri || options.OutboundUri.Scheme != "ws")
                throw new ArgumentException("OutboundUri must be a ws:// URI (the emulator's outbound WebSocket has no TLS).", nameof(options));
            if (options.OutboundApps is null || options.OutboundApps.Length == 0 || Array.Exists(options.OutboundApps, string.IsNullOrEmpty))
                throw new ArgumentException("OutboundApps must name at least one Stasis application.", nameof(options));
        }

        private void StartOutbound(AriEmulatorOptions options)
        {
            if (options.OutboundUri is null) return;
            var apps = (string[])options.OutboundApps.Clone();
            var authorization = options.OutboundUserName is null ? null
                : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(options.OutboundUserName + ":" + (options.OutboundPassword ?? "")));
            _outbound = Task.Run(() => OutboundLoopAsync(options.OutboundUri, apps, authorization, options.OutboundReconnectInterval));
        }

        private async Task OutboundLoopAsync(Uri uri, string[] apps, string? authorization, TimeSpan interval)
        {
            while (!_cts.IsCancellationRequested)
            {
                using (var ws = new ClientWebSocket())
                {
                    ws.Options.AddSubProtocol("ari");
                    if (authorization != null) ws.Options.SetRequestHeader("Authorization", authorization);
                    var connected = false;
                    try
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
                        timeout.CancelAfter(TimeSpan.FromSeconds(5));
                        await ws.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
                        connected = true;
                    }
                    catch (Exception) when (!_cts.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _outboundFailures);
                    }
                    catch (Exception)
                    {
                        return;
                    }
                    if (connected)
                    {
                        Interlocked.Increment(ref _outboundConnections);
                        OutboundConnected = true;
                        // The local_ari_user is the emulator's read-write user.
                        var socket = new EventSocket(apps) { UserName = UserName };
                        socket.Attach(ws);
                        if (Register(socket, false, app => ApplicationEvent("ApplicationRegistered", app)))
                            await ServeEventSocketAsync(socket).ConfigureAwait(false);
                        OutboundConnected = false;
                    }
                }
                try
                {
                    await Task.Delay(interval, _cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
