using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Model;

namespace PSAri.Emulator
{
    // The simulated Asterisk: dialplan, channels, playbacks, apps and their events. Every change happens
    // under _gate, and events are queued to sockets under it too, so each socket sees them in order.
    public sealed partial class AriEmulator
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, EmulatedChannel> _channels = new Dictionary<string, EmulatedChannel>(StringComparer.Ordinal);
        private readonly List<EmulatedChannel> _channelOrder = new List<EmulatedChannel>();
        private readonly Dictionary<string, EmulatedPlayback> _playbacks = new Dictionary<string, EmulatedPlayback>(StringComparer.Ordinal);
        private readonly SortedDictionary<string, EmulatedApp> _apps = new SortedDictionary<string, EmulatedApp>(StringComparer.Ordinal);
        private readonly List<EventSocket> _sockets = new List<EventSocket>();
        private readonly Dictionary<string, StasisExtension> _dialplan = new Dictionary<string, StasisExtension>(StringComparer.Ordinal);
        private int _uniqueIdCounter;
        private int _localCounter;

        /// <summary>Length of the sound files the emulator knows, in real-time milliseconds (from the
        /// transcripts); other sound: URIs fail like a missing file.</summary>
        public static IReadOnlyDictionary<string, int> SoundDurations { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["hello-world"] = 1420,
            ["beep"] = 441,
            ["tt-monkeys"] = 16000,
            ["tt-weasels"] = 12000,
            ["demo-congrats"] = 12000,
        };

        // ---- dialplan ----

        private void AddDefaultDialplan()
        {
            // 1000 -> Answer, (wait), Stasis(hello-world): StasisStart shows priority 3 in transcript 01.
            _dialplan[Key("default", "1000")] = new StasisExtension { App = "hello-world", Priority = 3 };
        }

        private static string Key(string context, string exten) => exten + "@" + context;

        /// <summary>Adds (or replaces) a dialplan extension that answers and enters Stasis(app, args...).
        /// Extensions "app-NAME" exist already: Stasis(NAME,first,second), as in the transcripts' dialplan.</summary>
        public void AddExtension(string extension, string app, string[]? args = null, string context = "default")
        {
            if (string.IsNullOrEmpty(extension)) throw new ArgumentException("extension must not be empty", nameof(extension));
            if (string.IsNullOrEmpty(app)) throw new ArgumentException("app must not be empty", nameof(app));
            lock (_gate)
                _dialplan[Key(context, extension)] = new StasisExtension { App = app, Args = args ?? Array.Empty<string>(), Priority = 2 };
        }

        private StasisExtension? FindExtension(string context, string exten)
        {
            if (_dialplan.TryGetValue(Key(context, exten), out var e))
                return e;
            if (context == "default" && exten.StartsWith("app-", StringComparison.Ordinal) && exten.Length > 4)
                return new StasisExtension { App = exten.Substring(4), Args = new[] { "first", "second" }, Priority = 2 };
            return null;
        }

        // ---- calls ----

        /// <summary>Places a call from a simulated phone to extension@context, like
        /// <c>channel originate Local/1000@default application Wait 20</c>. Blocks until the dialplan answered
        /// and StasisStart was sent, and returns the channel in Stasis (the Local ";2" half).</summary>
        /// <exception cref="ArgumentException">No such Stasis extension in the emulator's dialplan.</exception>
        /// <exception cref="InvalidOperationException">No WebSocket is connected for the app: Stasis() fails and
        /// Asterisk hangs the call up.</exception>
        public Channel PlaceCall(string extension, string context = "default", string? callerName = null, string? callerNumber = null) =>
            PlaceCallAsync(extension, context, callerName, callerNumber).GetAwaiter().GetResult();

        /// <inheritdoc cref="PlaceCall"/>
        public async Task<Channel> PlaceCallAsync(string extension, string context = "default", string? callerName = null,
            string? callerNumber = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(extension)) throw new ArgumentException("extension must not be empty", nameof(extension));
            context = string.IsNullOrEmpty(context) ? "default" : context;
            EmulatedChannel channel;
            StasisExtension target;
            lock (_gate)
            {
                ThrowIfDisposed();
                target = FindExtension(context, extension) ?? FindBroadcastExtension(context, extension)
                    ?? throw new ArgumentException($"The emulator's dialplan has no Stasis extension {extension}@{context}.", nameof(extension));
                var local = $"Local/{extension}@{context}-{_localCounter++:x8}";
                var now = DateTimeOffset.UtcNow;
                // ;1 is the phone (running Wait, as the CLI originate does); ;2 runs the dialplan.
                var phone = NewChannel(local + ";1", now, context, extension, 1, "Wait", "20");
                channel = NewChannel(local + ";2", now, context, extension, 1, "Answer", "");
                channel.State = "Ring";
                phone.State = "Up";
                channel.CallerName = callerName ?? "";
                channel.CallerNumber = callerNumber ?? "";
                phone.Peer = channel;
                channel.Peer = phone;
            }

            await Task.Delay(AnswerDelay, cancellationToken).ConfigureAwait(false);

            lock (_gate)
            {
                ThrowIfDisposed();
                if (channel.HungUp)
                    throw new InvalidOperationException($"Channel {channel.Id} was hung up before it entered Stasis.");
                channel.State = "Up";
                OnEnteringStasis(channel, target);
                channel.Priority = target.Priority;
                channel.AppName = "Stasis";
                channel.AppData = target.AppData;
                if (target.App.Length == 0) { StartBroadcast(channel, context, extension); return channel.Snapshot(); }
                if (!_apps.TryGetValue(target.App, out var app) || app.Socket is null)
                {
                    // Stasis() fails for an app no socket registered; the dialplan ends and the call is hung up.
                    RemovePair(channel);
                    throw new InvalidOperationException(
                        $"No WebSocket is connected for Stasis application '{target.App}': the call was hung up, as Asterisk would.");
                }
                channel.StasisApp = app.Name;
                app.ChannelIds.Add(channel.Id);
                Publish(app.Name, new StasisStartEvent { Args = target.Args, Channel = channel.Snapshot() }, Json.StasisStartEvent);
                return channel.Snapshot();
            }
        }

        /// <summary>Hook for the areas that change a call as it enters Stasis (unanswered extensions:
        /// AriEmulator.ChannelControl.cs).</summary>
        partial void OnEnteringStasis(EmulatedChannel channel, StasisExtension target);

        /// <summary>Hangs a call up from the phone's side (either half's id). The app sees what Asterisk sends
        /// when a Local channel's peer goes away: ChannelHangupRequest {cause 16, no soft} (queued by
        /// chan_local), PlaybackFinished failed for a playback in progress, then StasisEnd. No ChannelDestroyed:
        /// a dialplan-entered channel's app is unsubscribed at StasisEnd (transcript 01).</summary>
        /// <returns>false when no such channel exists.</returns>
        public bool HangupCall(string channelId)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(channelId ?? "", out var channel))
                    return false;
                var inStasis = channel.StasisApp != null ? channel : channel.Peer?.StasisApp != null ? channel.Peer : null;
                if (inStasis != null)
                    LeaveStasis(inStasis, 16, soft: false);
                RemovePair(channel);
                return true;
            }
        }

        /// <summary>The channels the emulator has now (both halves of each call).</summary>
        public IReadOnlyList<Channel> GetChannels()
        {
            lock (_gate) return _channelOrder.Select(c => c.Snapshot()).ToList();
        }

        private EmulatedChannel NewChannel(string name, DateTimeOffset now, string context, string exten, long priority, string app, string data)
        {
            var c = new EmulatedChannel
            {
                Id = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + (_uniqueIdCounter++).ToString(CultureInfo.InvariantCulture),
                Name = name,
                CreationTime = now,
                Context = context,
                Exten = exten,
                Priority = priority,
                AppName = app,
                AppData = data,
            };
            _channels[c.Id] = c;
            _channelOrder.Add(c);
            return c;
        }

        /// <summary>The channel's hangup as its app sees it: ChannelHangupRequest, the current playback fails,
        /// StasisEnd (transcript 07: hang up during a playback).</summary>
        private void LeaveStasis(EmulatedChannel channel, int cause, bool soft)
        {
            var app = channel.StasisApp!;
            Publish(app, new ChannelHangupRequestEvent { Cause = cause, Soft = soft ? true : (bool?)null, Channel = channel.Snapshot() },
                Json.ChannelHangupRequestEvent);
            LeaveBridgeOnHangup(channel); // AriEmulator.Bridges.cs: ChannelLeftBridge before StasisEnd
            channel.HungUp = true;
            var current = channel.CurrentPlayback;
            if (current != null)
                FinishPlayback(current, "failed");
            foreach (var queued in channel.QueuedPlaybacks)
                ForgetPlayback(queued);
            channel.QueuedPlaybacks.Clear();
            EndRecordingsOf(channel); // RecordingFinished comes before StasisEnd (transcript 06)
            Publish(app, new StasisEndEvent { Channel = channel.Snapshot() }, Json.StasisEndEvent);
            channel.StasisApp = null;
            if (_apps.TryGetValue(app, out var a))
            {
                a.ChannelIds.Remove(channel.Id);
                if (a.Socket is null && a.ChannelIds.Count == 0)
                    _apps.Remove(app);
            }
        }

        partial void LeaveBridgeOnHangup(EmulatedChannel channel);

        private void RemovePair(EmulatedChannel channel)
        {
            foreach (var c in new[] { channel, channel.Peer })
            {
                if (c is null) continue;
                c.HungUp = true;
                _channels.Remove(c.Id);
                _channelOrder.Remove(c);
            }
        }

        // ---- playbacks ----

        private EmulatedPlayback QueuePlayback(EmulatedChannel channel, string id, string[] media, string language, long offsetMs)
        {
            var p = new EmulatedPlayback { Id = id, Media = media, Language = language, Channel = channel, OffsetMs = offsetMs };
            _playbacks[id] = p; // a reused id is accepted and queued (transcript 07)
            channel.QueuedPlaybacks.Enqueue(p);
            return p;
        }

        /// <summary>Plays on one channel queue behind each other: start the next when none is playing.</summary>
        private void StartNextPlayback(EmulatedChannel channel)
        {
            while (channel.CurrentPlayback is null && channel.QueuedPlaybacks.Count > 0 && !channel.HungUp)
            {
                channel.CurrentPlayback = channel.QueuedPlaybacks.Dequeue();
                BeginMediaItem(channel.CurrentPlayback);
            }
        }

        private void BeginMediaItem(EmulatedPlayback p)
        {
            var app = p.Channel.StasisApp;
            p.State = "playing";
            if (app != null)
                Publish(app, new PlaybackStartedEvent { Playback = p.Snapshot() }, Json.PlaybackStartedEvent);
            var uri = p.Media[p.Index];
            var colon = uri.IndexOf(':');
            var scheme = colon < 0 ? "" : uri.Substring(0, colon);
            var resource = colon < 0 ? "" : uri.Substring(colon + 1);
            int? length = scheme switch
            {
                "sound" => SoundDurations.TryGetValue(resource, out var ms) ? ms : -1,
                "digits" => 840 * resource.Length,
                "characters" => 690 * resource.Length,
                "number" => 860 * resource.Length,
                "tone" => null, // plays until stopped
                _ => -2,
            };
            p.ItemLengthMs = length; // bridges: playback control needs the item's length
            p.ItemEndsAt = null;
            if (length == -1)
            {
                FinishPlayback(p, "failed"); // missing sound file: PlaybackFinished failed at once
            }
            else if (length == -2)
            {
                // Unsupported scheme: PlaybackStarted, then nothing ever; the playback is gone (GET 404)
                // and the channel plays what is queued next (transcript 07, bogus:foo).
                ForgetPlayback(p);
                p.Channel.CurrentPlayback = null;
                StartNextPlayback(p.Channel);
            }
            else if (length is int real)
            {
                if (p.Index == 0)
                    real = (int)Math.Max(0, real - p.OffsetMs);
                ScheduleItemEnd(p, real); // in AriEmulator.Bridges.cs: arms the timer and records when it fires
            }
        }

        /// <summary>An item played to its end: PlaybackContinuing + the next item, or PlaybackFinished done.</summary>
        private void EndMediaItem(EmulatedPlayback p)
        {
            if (p.Index + 1 < p.Media.Length)
            {
                p.State = "continuing";
                if (p.Channel.StasisApp is string app)
                    Publish(app, new PlaybackContinuingEvent { Playback = p.Snapshot() }, Json.PlaybackContinuingEvent);
                p.Index++;
                BeginMediaItem(p);
            }
            else
            {
                FinishPlayback(p, "done");
            }
        }

        private void FinishPlayback(EmulatedPlayback p, string state)
        {
            p.State = state;
            p.Timer = new object();
            if (p.Channel.StasisApp is string app)
                Publish(app, new PlaybackFinishedEvent { Playback = p.Snapshot() }, Json.PlaybackFinishedEvent);
            ForgetPlayback(p);
            if (p.Channel.CurrentPlayback == p)
                p.Channel.CurrentPlayback = null;
            StartNextPlayback(p.Channel);
        }

        private void ForgetPlayback(EmulatedPlayback p)
        {
            if (_playbacks.TryGetValue(p.Id, out var known) && known == p)
                _playbacks.Remove(p.Id);
        }

        /// <summary>Runs an action under the lock after a delay, unless the emulator stopped meanwhile.</summary>
        private void Schedule(TimeSpan delay, Action action)
        {
            Task.Delay(delay, _cts.Token).ContinueWith(t =>
            {
                if (t.IsCanceled) return;
                lock (_gate)
                    if (IsRunning) action();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        // ---- apps and events ----

        /// <summary>Sends an event to the app's socket. With no socket connected the event is lost, as in
        /// Asterisk (transcript 10).</summary>
        private void Publish<T>(string app, T e, JsonTypeInfo<T> info) where T : AriEvent
        {
            if (!_apps.TryGetValue(app, out var a) || a.Socket is null)
                return;
            if (e.Type.Length == 0)
                e.Type = EventType<T>.Name;
            if (!PassesFilter(app, e.Type)) return;
            e.Timestamp = DateTimeOffset.UtcNow;
            e.AsteriskId = EntityId;
            e.Application = app;
            NoteStasisStart(e); // bench: reaction times (AriEmulator.Bench.cs)
            a.Socket.Enqueue(JsonSerializer.SerializeToUtf8Bytes(e, info));
        }

        /// <summary>The ARI type of a model event class: StasisStartEvent -> "StasisStart".</summary>
        private static class EventType<T>
        {
            public static readonly string Name = typeof(T).Name.EndsWith("Event", StringComparison.Ordinal)
                ? typeof(T).Name.Substring(0, typeof(T).Name.Length - "Event".Length)
                : typeof(T).Name;
        }

        /// <summary>GET /ari/events: 426 without an upgrade, 400 (HTML) without app, else a 101 and the socket
        /// registers its apps; an app another socket had gets ApplicationReplaced on the old one.</summary>
        private async Task<EmulatorResponse?> AcceptEventsAsync(EmulatorHttpExchange ctx, List<KeyValuePair<string, string>> query, (string Name, bool ReadOnly) user)
        {
            if (!ctx.IsWebSocketRequest)
                return EmulatorResponse.Html(426, "Upgrade Required", "");
            // For the socket a repeated app= is not merged either: the first one wins.
            var appParam = query.FirstOrDefault(p => p.Key == "app").Value ?? "";
            var apps = appParam.Split(',').Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            if (apps.Length == 0)
                return EmulatorResponse.Html(400, "Bad Request", "HTTP request is missing param: [app]");

            var offered = (ctx.Headers["Sec-WebSocket-Protocol"] ?? "").Split(',').Select(s => s.Trim());
            // The apps are registered before the 101 goes out, so a client that asks for its app the moment its
            // socket opened finds it (transcript 02: GET /applications/capviewer 1 ms after the 101 answers 200).
            var socket = new EventSocket(apps) { UserName = user.Name, ReadOnly = user.ReadOnly };
            if (!Register(socket, query.Any(p => p.Key == "subscribeAll" && p.Value == "true")))
                return EmulatorResponse.Error(503, "Service Unavailable");
            try
            {
                EventSocketStream? output = null; // batches the writes of bursts (EventSocketStream.cs)
                var ws = await ctx.AcceptWebSocketAsync(offered.Contains("ari") ? "ari" : null, s => output = new EventSocketStream(s)).ConfigureAwait(false);
                socket.Attach(ws, output, ctx.WebSocketTransport);
            }
            catch (Exception)
            {
                socket.Abort();
                Unregister(socket);
                throw;
            }
            await ServeEventSocketAsync(socket).ConfigureAwait(false);
            return null;
        }

        /// <summary>Registers the socket's apps (the newest socket of an app gets its events; the one it replaces
        /// is told). False when the emulator is stopping. Inbound sockets and the outbound one share this.</summary>
        private bool Register(EventSocket socket, bool subscribeAll, Func<string, byte[]>? greeting = null)
        {
            socket.OnClientFrame = AnswerRestFrame;
            lock (_gate)
            {
                if (!IsRunning)
                {
                    socket.Abort();
                    return false;
                }
                _sockets.Add(socket);
                foreach (var name in socket.Apps)
                {
                    if (!_apps.TryGetValue(name, out var app))
                        _apps[name] = app = new EmulatedApp { Name = name };
                    if (app.Socket != null && app.Socket != socket)
                        app.Socket.Enqueue(ApplicationReplaced(name)); // the old socket stays open, silent
                    app.Socket = socket;
                    app.SubscribeAll = subscribeAll;
                    if (greeting != null)
                        socket.Enqueue(greeting(name));
                }
            }
            return true;
        }

        /// <summary>Serves a registered, attached socket (events out, REST requests in) until it ends, then unregisters it.</summary>
        private async Task ServeEventSocketAsync(EventSocket socket)
        {
            ApplySocketFaults(socket);
            await socket.RunAsync(_cts.Token).ConfigureAwait(false);
            Unregister(socket);
        }

        private void Unregister(EventSocket socket)
        {
            lock (_gate)
            {
                _sockets.Remove(socket);
                foreach (var name in socket.Apps)
                {
                    if (!_apps.TryGetValue(name, out var app) || app.Socket != socket)
                        continue;
                    app.Socket = null;
                    if (app.ChannelIds.Count == 0)
                        _apps.Remove(name); // channels keep an app alive while no socket is connected
                }
            }
        }

        private byte[] ApplicationReplaced(string app) => ApplicationEvent("ApplicationReplaced", app);

        private byte[] ApplicationEvent(string type, string app) => EmulatorJson.Object(w =>
        {
            // Key order of the real event: type, timestamp, application, asterisk_id.
            w.WriteString("type", type);
            w.WriteString("timestamp", EmulatorJson.Timestamp(DateTimeOffset.UtcNow));
            w.WriteString("application", app);
            w.WriteString("asterisk_id", EntityId);
        });

        private void ThrowIfDisposed()
        {
            if (!IsRunning) throw new ObjectDisposedException(nameof(AriEmulator));
        }
    }
}
