using System;
using System.Globalization;
using System.Linq;
using PSAri.Model;

namespace PSAri.Emulator
{
    // The REST operations. One line per operation in AddRoutes; templates are relative to /ari and use the
    // parameter names of Asterisk's API docs. Handlers run outside the lock and take it themselves.
    public sealed partial class AriEmulator
    {
        private void AddRoutes()
        {
            var r = _router;
            r.Add("GET", "channels", ListChannels);
            r.Add("GET", "channels/{channelId}", GetChannel);
            r.Add("DELETE", "channels/{channelId}", HangupChannel);
            r.Add("POST", "channels/{channelId}/play", PlayOnChannel);
            r.Add("POST", "channels/{channelId}/play/{playbackId}", PlayOnChannel);
            r.Add("GET", "playbacks/{playbackId}", GetPlayback);
            r.Add("DELETE", "playbacks/{playbackId}", StopPlayback);
            // The WebSocket: DispatchAsync hands it to AcceptEventsAsync; listed here for 404/405/Allow.
            r.Add("GET", "events", _ => throw new InvalidOperationException("handled by AcceptEventsAsync"));
            // Each area of ARI registers its operations in its own file (AriEmulator.<Area>.cs).
            AddChannelCallRoutes(r);
            AddChannelControlRoutes(r);
            AddBridgeRoutes(r);
            AddRecordingRoutes(r);
            AddMediaRoutes(r);
            AddSystemRoutes(r);
        }

        partial void AddChannelCallRoutes(EmulatorRouter r);
        partial void AddChannelControlRoutes(EmulatorRouter r);
        partial void AddBridgeRoutes(EmulatorRouter r);
        partial void AddRecordingRoutes(EmulatorRouter r);
        partial void AddMediaRoutes(EmulatorRouter r);
        partial void AddSystemRoutes(EmulatorRouter r);

        private static EmulatorResponse ChannelNotFound() => EmulatorResponse.Error(404, "Channel not found");
        private static EmulatorResponse PlaybackNotFound() => EmulatorResponse.Error(404, "Playback not found");

        // ---- /channels ----

        private EmulatorResponse ListChannels(EmulatorRequest req) =>
            EmulatorResponse.Json(200, GetChannels().ToArray(), Json.ChannelArray);

        private EmulatorResponse GetChannel(EmulatorRequest req)
        {
            lock (_gate)
                return _channels.TryGetValue(req.Path("channelId"), out var c)
                    ? EmulatorResponse.Json(200, c.Snapshot(), Json.Channel)
                    : ChannelNotFound();
        }

        private static readonly string[] HangupReasons =
        {
            "normal", "busy", "congestion", "no_answer", "timeout", "rejected", "unallocated", "normal_unspecified",
            "number_incomplete", "codec_mismatch", "interworking", "failure", "answered_elsewhere",
        };

        /// <summary>DELETE /channels/{id}: the app sees ChannelHangupRequest {cause 32, soft} whatever the
        /// reason, then StasisEnd (transcript 01). Deleting the phone half (;1) hangs up like the phone would.</summary>
        private EmulatorResponse HangupChannel(EmulatorRequest req)
        {
            var reason = req.Param("reason");
            var reasonCode = req.Param("reason_code");
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var channel))
                    return ChannelNotFound();
                if (reason != null && reasonCode != null)
                    return EmulatorResponse.Error(400, "The reason and reason_code can't both be specified");
                if (reason != null && !HangupReasons.Contains(reason))
                    return EmulatorResponse.Error(400, "Invalid reason for hangup reason provided");
                if (reasonCode != null && !int.TryParse(reasonCode, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    return EmulatorResponse.Error(400, "Invalid reason for hangup reason code provided");
                if (HangupOriginated(channel, reason, reasonCode)) // ARI-originated Local pair (ChannelCalls)
                    return EmulatorResponse.NoContent();
                if (channel.StasisApp != null)
                    LeaveStasis(channel, 32, soft: true);
                else if (channel.Peer?.StasisApp != null)
                    LeaveStasis(channel.Peer, 16, soft: false);
                RemovePair(channel);
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>POST /channels/{id}/play[/{playbackId}]: 201 + Location, state queued; media is one
        /// comma-separated parameter (or a JSON array in the body).</summary>
        private EmulatorResponse PlayOnChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (FindControl(req, out var channel) is EmulatorResponse refused)
                    return refused; // 404, 409 not in Stasis, 412 Down (transcript 02)
                var media = (req.Param("media") ?? "").Split(',');
                if (media.All(m => m.Length == 0))
                    return EmulatorResponse.Error(500, "Failed to queue media for playback");
                var id = req.PathParams.TryGetValue("playbackId", out var fixedId) ? fixedId
                    : req.Param("playbackId") is string { Length: > 0 } q ? q
                    : Guid.NewGuid().ToString();
                long.TryParse(req.Param("offsetms"), NumberStyles.None, CultureInfo.InvariantCulture, out var offsetMs);
                var lang = req.Param("lang") is string { Length: > 0 } l ? l : channel.Language;
                var playback = QueuePlayback(channel, id, media, lang, offsetMs);
                playback.SkipMs = ReadSkipMs(req); // for playback control (AriEmulator.Bridges.cs)
                var response = EmulatorResponse.Json(201, playback.Snapshot(), Json.Playback)
                    .WithHeader("Location", "/ari/playbacks/" + Uri.EscapeDataString(id));
                StartNextPlayback(channel);
                return response;
            }
        }

        // ---- /playbacks ----

        private EmulatorResponse GetPlayback(EmulatorRequest req)
        {
            lock (_gate)
                return _playbacks.TryGetValue(req.Path("playbackId"), out var p)
                    ? EmulatorResponse.Json(200, p.Snapshot(), Json.Playback)
                    : PlaybackNotFound();
        }

        /// <summary>DELETE /playbacks/{id}: a playing one ends with PlaybackFinished done (there is no
        /// "stopped"); a queued one is dropped from the queue.</summary>
        private EmulatorResponse StopPlayback(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_playbacks.TryGetValue(req.Path("playbackId"), out var p))
                    return PlaybackNotFound();
                if (p.Channel.CurrentPlayback == p)
                {
                    FinishPlayback(p, "done");
                }
                else
                {
                    ForgetPlayback(p);
                    var rest = p.Channel.QueuedPlaybacks.Where(x => x != p).ToList();
                    p.Channel.QueuedPlaybacks.Clear();
                    foreach (var x in rest) p.Channel.QueuedPlaybacks.Enqueue(x);
                }
                return EmulatorResponse.NoContent();
            }
        }
    }
}
