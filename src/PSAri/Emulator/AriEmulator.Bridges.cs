using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using PSAri.Model;

namespace PSAri.Emulator
{
    // Bridges (/bridges/...) and playback control (/playbacks/{id}/control), as transcripts 04, 07 and 02 show
    // them: no BridgeCreated for ARI-created bridges; ChannelEnteredBridge/ChannelLeftBridge to the channel's
    // app; BRIDGEPEER ChannelVarset updates in mixing bridges; bridge playbacks through an Announcer channel.
    public sealed partial class AriEmulator
    {
        private readonly Dictionary<string, EmulatedBridge> _bridges = new Dictionary<string, EmulatedBridge>(StringComparer.Ordinal);

        private static readonly string[] BridgeTypes = { "mixing", "holding", "dtmf_events", "proxy_media", "video_sfu", "video_single", "sdp_label" };
        private static readonly string[] PlaybackOperations = { "restart", "pause", "unpause", "reverse", "forward" };
        private static readonly string[] AnnouncerFormats = { "slin", "slin16", "ulaw", "alaw", "gsm", "g722", "g729", "wav", "wav16" };

        partial void AddBridgeRoutes(EmulatorRouter r)
        {
            r.Add("GET", "bridges", ListBridges);
            r.Add("POST", "bridges", CreateBridge);
            r.Add("POST", "bridges/{bridgeId}", CreateBridge);
            r.Add("GET", "bridges/{bridgeId}", GetBridge);
            r.Add("DELETE", "bridges/{bridgeId}", DestroyBridge);
            r.Add("GET", "bridges/{bridgeId}/variable", GetBridgeVar);
            r.Add("POST", "bridges/{bridgeId}/variable", SetBridgeVar);
            r.Add("GET", "bridges/{bridgeId}/variables", GetBridgeVars);
            r.Add("POST", "bridges/{bridgeId}/variables", SetBridgeVars);
            r.Add("POST", "bridges/{bridgeId}/addChannel", AddChannelToBridge);
            r.Add("POST", "bridges/{bridgeId}/removeChannel", RemoveChannelFromBridge);
            r.Add("POST", "bridges/{bridgeId}/videoSource/{channelId}", SetBridgeVideoSource);
            r.Add("DELETE", "bridges/{bridgeId}/videoSource", ClearBridgeVideoSource);
            r.Add("POST", "bridges/{bridgeId}/moh", StartBridgeMoh);
            r.Add("DELETE", "bridges/{bridgeId}/moh", StopBridgeMoh);
            r.Add("POST", "bridges/{bridgeId}/play", PlayOnBridge);
            r.Add("POST", "bridges/{bridgeId}/play/{playbackId}", PlayOnBridge);
            r.Add("POST", "playbacks/{playbackId}/control", ControlPlayback);
        }

        private static EmulatorResponse BridgeNotFound() => EmulatorResponse.Error(404, "Bridge not found");

        /// <summary>The bridge with this id (for other areas, such as bridge recordings); call under the lock.</summary>
        private EmulatedBridge? FindBridge(string id) => _bridges.TryGetValue(id, out var b) ? b : null;

        /// <summary>bridges.record: a bridge that exists is a recording target; its events go to the bridge's apps.</summary>
        partial void FindBridgeRecordingTarget(string bridgeId, ref RecordingTarget? target)
        {
            if (FindBridge(bridgeId) is EmulatedBridge b)
                target = BridgeRecordingTarget(b.Id, () => b.Apps.FirstOrDefault());
        }

        // ---- list, create, get, destroy ----

        private EmulatorResponse ListBridges(EmulatorRequest req)
        {
            lock (_gate)
                return EmulatorResponse.Json(200, _bridges.Values.OrderBy(b => b.Id, StringComparer.Ordinal).Select(b => b.Snapshot()).ToArray(), Json.BridgeArray);
        }

        /// <summary>POST /bridges[/{bridgeId}]: 200 with the Bridge; an unknown type is a 500 (transcript 02);
        /// an existing id a 409. No BridgeCreated event (the app is not subscribed to a bridge it created).</summary>
        private EmulatorResponse CreateBridge(EmulatorRequest req)
        {
            var id = req.PathParams.TryGetValue("bridgeId", out var fixedId) ? fixedId : req.Param("bridgeId");
            var types = (req.Param("type") ?? "").Split(',').Where(t => t.Length > 0).ToArray();
            lock (_gate)
            {
                if (types.Any(t => !BridgeTypes.Contains(t)))
                    return EmulatorResponse.Error(500, $"Unable to create bridge. Possible duplicate bridge id '{(string.IsNullOrEmpty(id) ? "(null)" : id)}'");
                if (!string.IsNullOrEmpty(id) && _bridges.ContainsKey(id!))
                    return EmulatorResponse.Error(409, $"Bridge with id '{id}' already exists");
                var bridge = new EmulatedBridge
                {
                    Id = string.IsNullOrEmpty(id) ? Guid.NewGuid().ToString() : id!,
                    Name = req.Param("name") ?? "",
                    BridgeType = types.Contains("holding") ? "holding" : "mixing",
                    CreationTime = DateTimeOffset.UtcNow,
                };
                if (req.Param("variables") is string json)
                    foreach (var pair in ReadVariables(json))
                        bridge.Variables[pair.Key] = pair.Value;
                _bridges[bridge.Id] = bridge;
                return EmulatorResponse.Json(200, bridge.Snapshot(), Json.Bridge);
            }
        }

        private EmulatorResponse GetBridge(EmulatorRequest req)
        {
            lock (_gate)
                return FindBridge(req.Path("bridgeId")) is EmulatedBridge b ? EmulatorResponse.Json(200, b.Snapshot(), Json.Bridge) : BridgeNotFound();
        }

        /// <summary>DELETE /bridges/{id}: the channels leave (ChannelLeftBridge; they stay in Stasis), the
        /// announcer's playback ends, and BridgeDestroyed goes to the apps still subscribed to the bridge
        /// (an app stops being subscribed when one of its channels is removed with removeChannel: transcript 04
        /// shows BridgeDestroyed for the holding bridge, none for the mixing bridge after a removeChannel).</summary>
        private EmulatorResponse DestroyBridge(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                _bridges.Remove(b.Id);
                StopPlayer(b);
                b.Announcer = null;
                b.Moh = false;
                foreach (var c in b.Channels.ToList())
                    LeaveBridge(c, updatePeers: false);
                EndRecordingsOf("bridge:" + b.Id);
                foreach (var app in b.Apps)
                    Publish(app, new BridgeDestroyedEvent { Bridge = b.Snapshot() }, Json.BridgeDestroyedEvent);
                return EmulatorResponse.NoContent();
            }
        }

        // ---- variables ----

        private EmulatorResponse GetBridgeVar(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                if (!(req.Param("variable") is string { Length: > 0 } name))
                    return EmulatorResponse.Error(400, "Variable name is required");
                return b.Variables.TryGetValue(name, out var value)
                    ? EmulatorResponse.Json(200, new Variable { Value = value }, Json.Variable)
                    : EmulatorResponse.Error(404, "Provided variable was not found");
            }
        }

        private EmulatorResponse SetBridgeVar(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                if (!(req.Param("variable") is string { Length: > 0 } name))
                    return EmulatorResponse.Error(400, "Variable name is required");
                b.Variables[name] = req.Param("value") ?? "";
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>GET .../variables?variables=a,b: all of them or a 404 (as getChannelVars in transcript 03).</summary>
        private EmulatorResponse GetBridgeVars(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                var names = (req.Param("variables") ?? "").Split(',').Where(n => n.Length > 0).ToArray();
                if (names.Length == 0)
                    return EmulatorResponse.Error(400, "At least one variable name is required");
                var set = new VariableSet();
                foreach (var name in names)
                {
                    if (!b.Variables.TryGetValue(name, out var value))
                        return EmulatorResponse.Error(404, "Provided variable was not found");
                    set.Variables[name] = value;
                }
                return EmulatorResponse.Json(200, set, Json.VariableSet);
            }
        }

        private EmulatorResponse SetBridgeVars(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                var vars = req.Param("variables") is string json ? ReadVariables(json) : new List<KeyValuePair<string, string>>();
                if (vars.Count == 0)
                    return EmulatorResponse.Error(400, "At least one variable is required");
                foreach (var pair in vars)
                    b.Variables[pair.Key] = pair.Value;
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>A JSON "variables" object: values are strings or {"value": ..., "report_events": ...}.</summary>
        private static List<KeyValuePair<string, string>> ReadVariables(string json)
        {
            var result = new List<KeyValuePair<string, string>>();
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    return result;
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    var v = p.Value;
                    if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty("value", out var inner))
                        v = inner;
                    result.Add(new KeyValuePair<string, string>(p.Name, v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()));
                }
            }
            catch (JsonException)
            {
            }
            return result;
        }

        // ---- channels in bridges ----

        /// <summary>Checks the channel list of addChannel/removeChannel: 400 when missing or unknown, 422 when
        /// not in Stasis (transcripts 04 and 02).</summary>
        private EmulatorResponse? ReadBridgeChannels(EmulatorRequest req, out List<EmulatedChannel> channels)
        {
            channels = new List<EmulatedChannel>();
            var ids = (req.Param("channel") ?? "").Split(',').Where(i => i.Length > 0).ToArray();
            if (ids.Length == 0)
                return EmulatorResponse.Error(400, "Missing parameter channel");
            foreach (var id in ids)
            {
                if (!_channels.TryGetValue(id, out var c))
                    return EmulatorResponse.Error(400, "Channel not found");
                if (c.StasisApp is null)
                    return EmulatorResponse.Error(422, "Channel not in Stasis application");
                channels.Add(c);
            }
            return null;
        }

        /// <summary>POST .../addChannel: a channel already in this or another bridge leaves it first
        /// (ChannelLeftBridge), then enters (ChannelEnteredBridge); BRIDGEPEER follows.</summary>
        private EmulatorResponse AddChannelToBridge(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                if (ReadBridgeChannels(req, out var channels) is EmulatorResponse error)
                    return error;
                var role = req.Param("role") ?? "";
                foreach (var c in channels)
                {
                    if (c.Bridge != null)
                        LeaveBridge(c, updatePeers: true);
                    c.Bridge = b;
                    c.BridgeRole = role;
                    b.Channels.Add(c);
                    b.Apps.Add(c.StasisApp!);
                    Publish(c.StasisApp!, new ChannelEnteredBridgeEvent { Bridge = b.Snapshot(), Channel = c.Snapshot() }, Json.ChannelEnteredBridgeEvent);
                }
                UpdateBridgePeers(b);
                return EmulatorResponse.NoContent();
            }
        }

        private EmulatorResponse RemoveChannelFromBridge(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                if (ReadBridgeChannels(req, out var channels) is EmulatorResponse error)
                    return error;
                if (channels.Any(c => c.Bridge != b))
                    return EmulatorResponse.Error(422, "Channel not in this bridge");
                foreach (var c in channels)
                {
                    b.Apps.Remove(c.StasisApp!);
                    LeaveBridge(c, updatePeers: true);
                }
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>The channel leaves its bridge: BRIDGEPEER cleared (when it had one), ChannelLeftBridge.</summary>
        private void LeaveBridge(EmulatedChannel c, bool updatePeers)
        {
            var b = c.Bridge;
            if (b is null) return;
            if (c.BridgePeer.Length > 0 && c.StasisApp != null)
                Publish(c.StasisApp, new ChannelVarsetEvent { Variable = "BRIDGEPEER", Value = "", Channel = c.Snapshot() }, Json.ChannelVarsetEvent);
            c.BridgePeer = "";
            b.Channels.Remove(c);
            c.Bridge = null;
            c.BridgeRole = "";
            if (b.VideoSourceId == c.Id)
                b.VideoSourceId = null;
            if (c.StasisApp != null)
                Publish(c.StasisApp, new ChannelLeftBridgeEvent { Bridge = b.Snapshot(), Channel = c.Snapshot() }, Json.ChannelLeftBridgeEvent);
            if (updatePeers)
                UpdateBridgePeers(b);
        }

        /// <summary>Hook from LeaveStasis: a channel hung up while bridged leaves the bridge after
        /// ChannelHangupRequest and before StasisEnd (transcript 04).</summary>
        partial void LeaveBridgeOnHangup(EmulatedChannel channel)
        {
            if (channel.Bridge != null)
                LeaveBridge(channel, updatePeers: true);
        }

        /// <summary>In a mixing bridge with two or more participants (the announcer counts), every channel is
        /// told its BRIDGEPEER again after each change, in the order they joined: the announcer first, then the
        /// other channels' names. Holding bridges set none (transcript 04).</summary>
        private void UpdateBridgePeers(EmulatedBridge b)
        {
            if (b.BridgeType == "holding" || b.Channels.Count + (b.Announcer != null ? 1 : 0) < 2)
                return;
            foreach (var c in b.Channels)
            {
                var peers = new List<string>();
                if (b.Announcer != null) peers.Add(b.Announcer);
                peers.AddRange(b.Channels.Where(o => o != c).Select(o => o.Name));
                c.BridgePeer = string.Join(",", peers);
                if (c.StasisApp != null)
                    Publish(c.StasisApp, new ChannelVarsetEvent { Variable = "BRIDGEPEER", Value = c.BridgePeer, Channel = c.Snapshot() }, Json.ChannelVarsetEvent);
            }
        }

        /// <summary>Puts an Announcer-like channel (play, MOH) into the bridge in place of the previous one;
        /// the old one only leaves when the next one comes, as seen in transcript 04.</summary>
        private void SetAnnouncer(EmulatedBridge b, string? name)
        {
            if (b.Announcer != null)
            {
                b.Announcer = null;
                UpdateBridgePeers(b);
            }
            b.Announcer = name;
            if (name != null)
                UpdateBridgePeers(b);
        }

        // ---- video source ----

        private EmulatorResponse SetBridgeVideoSource(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                if (!_channels.TryGetValue(req.Path("channelId"), out var c))
                    return ChannelNotFound();
                if (c.StasisApp is null)
                    return EmulatorResponse.Error(409, "Channel not in Stasis application");
                if (c.Bridge != b)
                    return EmulatorResponse.Error(422, "Channel not in this bridge");
                var old = b.VideoSourceId;
                b.VideoSourceId = c.Id;
                if (old != c.Id)
                    foreach (var app in b.Apps)
                        Publish(app, new BridgeVideoSourceChangedEvent { Bridge = b.Snapshot(), OldVideoSourceId = old }, Json.BridgeVideoSourceChangedEvent);
                return EmulatorResponse.NoContent();
            }
        }

        private EmulatorResponse ClearBridgeVideoSource(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                b.VideoSourceId = null;
                return EmulatorResponse.NoContent();
            }
        }

        // ---- music on hold ----

        private EmulatorResponse StartBridgeMoh(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                if (!b.Moh)
                {
                    b.Moh = true;
                    StopPlayer(b);
                    SetAnnouncer(b, $"Announcer/ARI_MOH-{_localCounter++:x8};2");
                }
                return EmulatorResponse.NoContent();
            }
        }

        private EmulatorResponse StopBridgeMoh(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                if (!b.Moh)
                    return EmulatorResponse.Error(409, "Bridge isn't playing music");
                b.Moh = false;
                SetAnnouncer(b, null);
                return EmulatorResponse.NoContent();
            }
        }

        // ---- playbacks on a bridge ----

        /// <summary>POST /bridges/{id}/play[/{playbackId}]: 201 + Location, target bridge:ID, played by an
        /// Announcer channel that joins the bridge; plays on one bridge queue behind each other. In a holding
        /// bridge that has an announcer participant the playback fails at once (transcript 04).</summary>
        private EmulatorResponse PlayOnBridge(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!(FindBridge(req.Path("bridgeId")) is EmulatedBridge b))
                    return BridgeNotFound();
                var media = (req.Param("media") ?? "").Split(',');
                if (media.All(m => m.Length == 0))
                    return EmulatorResponse.Error(500, "Failed to queue media for playback");
                if (req.Param("announcer_format") is string format && !AnnouncerFormats.Contains(format))
                    return EmulatorResponse.Error(422, $"Announcer format '{format}' is unknown on this system");
                var id = req.PathParams.TryGetValue("playbackId", out var fixedId) ? fixedId
                    : req.Param("playbackId") is string { Length: > 0 } q ? q
                    : Guid.NewGuid().ToString();
                long.TryParse(req.Param("offsetms"), NumberStyles.None, CultureInfo.InvariantCulture, out var offsetMs);
                var lang = req.Param("lang") is string { Length: > 0 } l ? l : "en";
                var player = b.Player;
                if (player is null || player.HungUp || (player.CurrentPlayback is null && player.QueuedPlaybacks.Count == 0))
                {
                    var name = $"Announcer/ARI-{_localCounter++:x8};2";
                    b.Moh = false;
                    SetAnnouncer(b, name);
                    player = b.Player = new EmulatedChannel { Id = name, Name = name, State = "Up", CreationTime = DateTimeOffset.UtcNow };
                }
                player.StasisApp = b.Apps.FirstOrDefault();
                var playback = QueuePlayback(player, id, media, lang, offsetMs);
                playback.Target = "bridge:" + b.Id;
                playback.SkipMs = ReadSkipMs(req);
                var response = EmulatorResponse.Json(201, playback.Snapshot(), Json.Playback)
                    .WithHeader("Location", "/ari/playbacks/" + Uri.EscapeDataString(id));
                StartNextPlayback(player);
                if (b.BridgeType == "holding" && b.Channels.Any(c => c.BridgeRole == "announcer") && player.CurrentPlayback == playback)
                    FinishPlayback(playback, "failed");
                return response;
            }
        }

        private static int ReadSkipMs(EmulatorRequest req) =>
            int.TryParse(req.Param("skipms"), NumberStyles.None, CultureInfo.InvariantCulture, out var skip) ? skip : 3000;

        /// <summary>The bridge's announcer stops: its current playback fails, queued ones are dropped.</summary>
        private void StopPlayer(EmulatedBridge b)
        {
            var player = b.Player;
            if (player is null) return;
            b.Player = null;
            player.HungUp = true;
            foreach (var queued in player.QueuedPlaybacks)
                ForgetPlayback(queued);
            player.QueuedPlaybacks.Clear();
            if (player.CurrentPlayback is EmulatedPlayback current)
                FinishPlayback(current, "failed");
        }

        // ---- playback control ----

        /// <summary>POST /playbacks/{id}/control?operation=...: 400 without or with an unknown operation; 409
        /// "Can only X while media is playing" when the state allows no such operation (pause, reverse,
        /// forward, restart need a playing item; unpause a paused one, where pause again is a no-op);
        /// unpause sends a new PlaybackStarted (transcript 07).</summary>
        private EmulatorResponse ControlPlayback(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_playbacks.TryGetValue(req.Path("playbackId"), out var p))
                    return PlaybackNotFound();
                var op = req.Param("operation");
                if (string.IsNullOrEmpty(op))
                    return EmulatorResponse.Error(400, "Missing operation");
                if (!PlaybackOperations.Contains(op))
                    return EmulatorResponse.Error(400, $"Invalid operation {op}");
                var current = p.Channel.CurrentPlayback == p;
                var playing = current && p.State == "playing";
                var paused = current && p.State == "paused";
                switch (op)
                {
                    case "pause" when playing:
                        p.PausedRemainingMs = RemainingMs(p);
                        p.Timer = new object();
                        p.State = "paused";
                        break;
                    case "pause" when paused:
                    case "unpause" when playing:
                    case "restart" when !current:
                        break;
                    case "unpause" when paused:
                        p.State = "playing";
                        if (p.Channel.StasisApp is string app)
                            Publish(app, new PlaybackStartedEvent { Playback = p.Snapshot() }, Json.PlaybackStartedEvent);
                        if (p.PausedRemainingMs is double left)
                            ScheduleItemEnd(p, left);
                        break;
                    case "restart" when playing:
                        if (p.ItemLengthMs is int full)
                            ScheduleItemEnd(p, full);
                        break;
                    case "forward" when playing:
                    case "reverse" when playing:
                        if (RemainingMs(p) is double remaining && p.ItemLengthMs is int length)
                        {
                            var next = op == "forward" ? remaining - p.SkipMs : Math.Min(length, remaining + p.SkipMs);
                            if (next <= 0)
                                EndMediaItem(p);
                            else
                                ScheduleItemEnd(p, next);
                        }
                        break;
                    default:
                        return EmulatorResponse.Error(409, $"Can only {op} while media is playing");
                }
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>Real-time milliseconds left of the current item; null for items without an end (tones).</summary>
        private double? RemainingMs(EmulatedPlayback p) =>
            p.ItemEndsAt is DateTimeOffset end ? Math.Max(0, (end - DateTimeOffset.UtcNow).TotalMilliseconds * TimeScale) : (double?)null;

        /// <summary>(Re)arms the end of the current item in <paramref name="ms"/> real-time milliseconds.</summary>
        private void ScheduleItemEnd(EmulatedPlayback p, double ms)
        {
            var timer = p.Timer = new object();
            p.ItemEndsAt = DateTimeOffset.UtcNow.AddMilliseconds(ms / TimeScale);
            Schedule(TimeSpan.FromMilliseconds(ms / TimeScale), () =>
            {
                if (p.Timer == timer && p.Channel.CurrentPlayback == p)
                    EndMediaItem(p);
            });
        }
    }

    /// <summary>One bridge. Mutable state; the Model's Bridge is a snapshot of it.</summary>
    internal sealed class EmulatedBridge
    {
        public string Id = "";
        public string Name = "";
        public string BridgeType = "mixing";
        public DateTimeOffset CreationTime;
        /// <summary>In the order they joined.</summary>
        public readonly List<EmulatedChannel> Channels = new List<EmulatedChannel>();
        public readonly Dictionary<string, string> Variables = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>Apps subscribed to the bridge: they get BridgeDestroyed and BridgeVideoSourceChanged.</summary>
        public readonly SortedSet<string> Apps = new SortedSet<string>(StringComparer.Ordinal);
        /// <summary>Name of the Announcer channel in the bridge (play or MOH), or null.</summary>
        public string? Announcer;
        /// <summary>The announcer that plays the bridge's playbacks (not a channel of the channel list).</summary>
        public EmulatedChannel? Player;
        public bool Moh;
        public string? VideoSourceId;

        /// <summary>simple_bridge for two participants, softmix once a third (an announcer counts) joins.</summary>
        public string Technology => BridgeType == "holding" ? "holding_bridge"
            : Channels.Count + (Announcer != null ? 1 : 0) > 2 ? "softmix" : "simple_bridge";

        public Bridge Snapshot() => new Bridge
        {
            Id = Id,
            Technology = Technology,
            BridgeType = BridgeType,
            BridgeClass = "stasis",
            Creator = "Stasis",
            Name = Name,
            ChannelIds = Channels.Select(c => c.Id).OrderBy(i => i, StringComparer.Ordinal).ToArray(),
            CreationTime = CreationTime,
            VideoMode = VideoSourceId is null ? "talker" : "single",
            VideoSourceId = VideoSourceId,
        };
    }

    internal sealed partial class EmulatedChannel
    {
        /// <summary>The bridge the channel is in, or null.</summary>
        public EmulatedBridge? Bridge;
        public string BridgeRole = "";
        /// <summary>The last BRIDGEPEER value sent.</summary>
        public string BridgePeer = "";
    }

    internal sealed partial class EmulatedPlayback
    {
        /// <summary>target_uri when not the channel (bridge:ID).</summary>
        public string? Target;
        public int SkipMs = 3000;
        /// <summary>Real-time length of the current item; null for items that play until stopped.</summary>
        public int? ItemLengthMs;
        /// <summary>When the current item's timer fires; null when it has none.</summary>
        public DateTimeOffset? ItemEndsAt;
        public double? PausedRemainingMs;
    }
}
