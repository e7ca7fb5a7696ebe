using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PSAri.Model;

namespace PSAri.Emulator
{
    /// <summary>One live recording (channel or bridge). Times are real-time; emulated seconds = real seconds x TimeScale.</summary>
    internal sealed class EmulatedRecording
    {
        public string Name = "";
        public string Format = "";
        public string State = "queued";
        public RecordingTarget Target = null!;
        public int MaxDurationSeconds;
        public int MaxSilenceSeconds;
        public string IfExists = "fail";
        public string TerminateOn = "none";
        /// <summary>Seconds already in the stored file this one appends to.</summary>
        public double AppendedSeconds;
        /// <summary>Emulated seconds recorded so far (excluding the running segment).</summary>
        public double RecordedSeconds;
        /// <summary>When the running segment (state recording) started; null while paused or queued.</summary>
        public DateTimeOffset? SegmentStart;
        public bool Muted;
        /// <summary>Changes whenever the pending end timer becomes stale.</summary>
        public object Timer = new object();

        public LiveRecording Snapshot() => new LiveRecording { Name = Name, Format = Format, State = State, TargetUri = Target.Uri };
    }

    /// <summary>What records: a channel or a bridge. Recordings on one target queue behind each other.</summary>
    internal sealed class RecordingTarget
    {
        public string Uri = "";
        /// <summary>The app to publish recording events to (null: not in Stasis any more).</summary>
        public Func<string?> App = () => null;
        /// <summary>A far end that sends no audio frames at all (Local/wait): recordings end after ~4 s with duration 0.</summary>
        public bool Silent;
        public EmulatedRecording? Current;
        public readonly Queue<EmulatedRecording> Queue = new Queue<EmulatedRecording>();
    }

    /// <summary>A recording file in the emulated recordings folder.</summary>
    internal sealed class StoredFile
    {
        public string Name = "";
        public string Format = "";
        public double Seconds;
    }

    // channels.record, bridges.record (through the FindBridgeRecordingTarget hook) and /recordings, as in transcripts 06 and 04.
    public sealed partial class AriEmulator
    {
        private readonly Dictionary<string, EmulatedRecording> _liveRecordings = new Dictionary<string, EmulatedRecording>(StringComparer.Ordinal);
        private readonly SortedDictionary<string, StoredFile> _storedRecordings = new SortedDictionary<string, StoredFile>(StringComparer.Ordinal);
        private readonly Dictionary<string, RecordingTarget> _recordingTargets = new Dictionary<string, RecordingTarget>(StringComparer.Ordinal);

        /// <summary>Bytes per second of audio for the formats the emulator knows (the file formats Asterisk
        /// ships); other format names are "unknown on this system" (422).</summary>
        private static readonly Dictionary<string, int> RecordingFormats = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["wav"] = 16000, ["wav16"] = 32000, ["WAV"] = 1625, ["wav49"] = 1625, ["gsm"] = 1650, ["ulaw"] = 8000, ["alaw"] = 8000,
            ["sln"] = 16000, ["sln16"] = 32000, ["g722"] = 8000, ["g729"] = 1000, ["g726"] = 4000, ["ilbc"] = 1667,
            ["siren7"] = 4000, ["siren14"] = 6000, ["ogg"] = 2000, ["au"] = 8000, ["vox"] = 4000, ["h263"] = 4000,
        };

        partial void AddRecordingRoutes(EmulatorRouter r)
        {
            r.Add("POST", "channels/{channelId}/record", RecordChannel);
            r.Add("POST", "bridges/{bridgeId}/record", RecordBridge);
            r.Add("GET", "recordings/stored", ListStoredRecordings);
            r.Add("GET", "recordings/stored/{recordingName}", GetStoredRecording);
            r.Add("DELETE", "recordings/stored/{recordingName}", DeleteStoredRecording);
            r.Add("GET", "recordings/stored/{recordingName}/file", GetStoredRecordingFile);
            r.Add("POST", "recordings/stored/{recordingName}/copy", CopyStoredRecording);
            r.Add("GET", "recordings/live/{recordingName}", GetLiveRecording);
            r.Add("DELETE", "recordings/live/{recordingName}", (req) => ControlRecording(req, "cancel"));
            r.Add("POST", "recordings/live/{recordingName}/stop", (req) => ControlRecording(req, "stop"));
            r.Add("POST", "recordings/live/{recordingName}/pause", (req) => ControlRecording(req, "pause"));
            r.Add("DELETE", "recordings/live/{recordingName}/pause", (req) => ControlRecording(req, "unpause"));
            r.Add("POST", "recordings/live/{recordingName}/mute", (req) => ControlRecording(req, "mute"));
            r.Add("DELETE", "recordings/live/{recordingName}/mute", (req) => ControlRecording(req, "unmute"));
        }

        private static EmulatorResponse RecordingNotFound() => EmulatorResponse.Error(404, "Recording not found");

        // ---- record ----

        private EmulatorResponse RecordChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var channel))
                    return ChannelNotFound();
                if (channel.StasisApp is null)
                    return EmulatorResponse.Error(409, "Channel not in Stasis application");
                var uri = "channel:" + channel.Id;
                if (!_recordingTargets.TryGetValue(uri, out var target))
                    _recordingTargets[uri] = target = new RecordingTarget
                    {
                        Uri = uri,
                        App = () => channel.StasisApp,
                        // Local/wait (the transcript's silent far end): the peer runs Wait and sends no frames.
                        Silent = channel.Peer != null && channel.Peer.Exten == "wait",
                    };
                return Record(req, target);
            }
        }

        /// <summary>bridges.record: 404 "Bridge not found" unless <see cref="FindBridgeRecordingTarget"/> knows the bridge.</summary>
        private EmulatorResponse RecordBridge(EmulatorRequest req)
        {
            lock (_gate)
            {
                RecordingTarget? target = null;
                FindBridgeRecordingTarget(req.Path("bridgeId"), ref target);
                return target is null ? EmulatorResponse.Error(404, "Bridge not found") : Record(req, target);
            }
        }

        /// <summary>The hook to the bridges area: set <paramref name="target"/> to
        /// <c>BridgeRecordingTarget(id, () =&gt; the bridge's app)</c> when the bridge exists. Without an
        /// implementation every bridge is unknown. Called under the lock.</summary>
        partial void FindBridgeRecordingTarget(string bridgeId, ref RecordingTarget? target);

        /// <summary>The recording target "bridge:ID" (created on first use). Call under the lock.</summary>
        internal RecordingTarget BridgeRecordingTarget(string bridgeId, Func<string?> app)
        {
            var uri = "bridge:" + bridgeId;
            if (!_recordingTargets.TryGetValue(uri, out var target))
                _recordingTargets[uri] = target = new RecordingTarget { Uri = uri, App = app };
            return target;
        }

        /// <summary>The checks of Asterisk's record handler in its order, then a queued recording (201 + Location);
        /// it starts at once when nothing else records on the target. Call under the lock.</summary>
        private EmulatorResponse Record(EmulatorRequest req, RecordingTarget target)
        {
            if (!TryInt(req.Param("maxDurationSeconds"), out var maxDuration))
                return EmulatorResponse.Error(400, "max_duration_seconds cannot be negative");
            if (!TryInt(req.Param("maxSilenceSeconds"), out var maxSilence))
                return EmulatorResponse.Error(400, "max_silence_seconds cannot be negative");
            var ifExists = req.Param("ifExists") ?? "fail";
            if (ifExists != "fail" && ifExists != "overwrite" && ifExists != "append")
                return EmulatorResponse.Error(400, "ifExists invalid");
            var terminateOn = req.Param("terminateOn") ?? "none";
            if (terminateOn != "none" && terminateOn != "any" && terminateOn != "*" && terminateOn != "#")
                return EmulatorResponse.Error(400, "terminateOn invalid");
            var format = req.Param("format") ?? "";
            if (!RecordingFormats.ContainsKey(format))
                return EmulatorResponse.Error(422, "specified format is unknown on this system");
            var name = req.Param("name") ?? "";
            if (name.Length == 0 || name.Split('/').Any(s => s == ".." || s == "."))
                return EmulatorResponse.Error(400, "Recording name invalid");
            var exists = _storedRecordings.TryGetValue(name, out var stored);
            if (_liveRecordings.ContainsKey(name) || (exists && ifExists == "fail"))
                return EmulatorResponse.Error(409, $"Recording '{name}' already exists and can not be overwritten");

            var recording = new EmulatedRecording
            {
                Name = name, Format = format, Target = target, MaxDurationSeconds = maxDuration, MaxSilenceSeconds = maxSilence,
                IfExists = ifExists, TerminateOn = terminateOn,
                AppendedSeconds = exists && ifExists == "append" && stored!.Format == format ? stored.Seconds : 0,
            };
            _liveRecordings[name] = recording;
            target.Queue.Enqueue(recording);
            var response = EmulatorResponse.Json(201, recording.Snapshot(), Json.LiveRecording)
                .WithHeader("Location", "/ari/recordings/live/" + Uri.EscapeDataString(name));
            StartNextRecording(target);
            return response;
        }

        private static bool TryInt(string? text, out int value)
        {
            value = 0;
            if (text is null) return true;
            // Asterisk reads integers leniently (atoi): junk is 0; only a negative number is refused.
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
                value = 0;
            return value >= 0;
        }

        private void StartNextRecording(RecordingTarget target)
        {
            if (target.Current != null || target.Queue.Count == 0)
                return;
            var r = target.Current = target.Queue.Dequeue();
            r.State = "recording";
            r.SegmentStart = DateTimeOffset.UtcNow;
            if (target.App() is string app)
                Publish(app, new RecordingStartedEvent { Recording = r.Snapshot() }, Json.RecordingStartedEvent);
            ScheduleRecordingEnd(r);
        }

        /// <summary>A silent far end ends the recording ~4 s after it started ("no audio available"), whatever the
        /// maximum; with audio the recording ends when maxDurationSeconds of it were recorded.</summary>
        private void ScheduleRecordingEnd(EmulatedRecording r)
        {
            var timer = r.Timer = new object();
            double? seconds = r.Target.Silent ? 4.0 - r.RecordedSeconds
                : r.MaxDurationSeconds > 0 ? r.MaxDurationSeconds - r.RecordedSeconds + 0.1
                : (double?)null;
            if (seconds is null || r.SegmentStart is null) return;
            Schedule(TimeSpan.FromSeconds(Math.Max(0, seconds.Value) / TimeScale), () =>
            {
                if (r.Timer == timer && r.Target.Current == r)
                    FinishRecording(r, keep: true);
            });
        }

        private void CloseSegment(EmulatedRecording r)
        {
            if (r.SegmentStart is DateTimeOffset start)
                r.RecordedSeconds += (DateTimeOffset.UtcNow - start).TotalSeconds * TimeScale;
            r.SegmentStart = null;
        }

        /// <summary>RecordingFinished (state done) for stop, cancel, the maximum, terminateOn and hangup; the file
        /// is stored unless cancelled. The next queued recording on the target starts.</summary>
        private void FinishRecording(EmulatedRecording r, bool keep)
        {
            CloseSegment(r);
            r.Timer = new object();
            var target = r.Target;
            var recorded = target.Silent ? 0 : r.MaxDurationSeconds > 0 ? Math.Min(r.RecordedSeconds, r.MaxDurationSeconds) : r.RecordedSeconds;
            var total = r.AppendedSeconds + recorded;
            r.State = "done";
            var snapshot = r.Snapshot();
            snapshot.Duration = (int)Math.Floor(total + 0.01);
            if (r.MaxSilenceSeconds > 0)
            {
                snapshot.TalkingDuration = target.Silent ? 0 : snapshot.Duration;
                snapshot.SilenceDuration = 0;
            }
            if (keep)
                _storedRecordings[r.Name] = new StoredFile { Name = r.Name, Format = r.Format, Seconds = total };
            else
                _storedRecordings.Remove(r.Name);
            _liveRecordings.Remove(r.Name);
            if (target.Current == r) target.Current = null;
            if (target.App() is string app)
                Publish(app, new RecordingFinishedEvent { Recording = snapshot }, Json.RecordingFinishedEvent);
            StartNextRecording(target);
        }

        /// <summary>A channel leaves Stasis (hangup): its recording finishes (file kept) before StasisEnd; the
        /// recordings queued behind it never start. Called from LeaveStasis.</summary>
        private void EndRecordingsOf(EmulatedChannel channel) => EndRecordingsOf("channel:" + channel.Id);

        /// <summary>The channel or bridge ("bridge:ID") is gone: the current recording finishes and keeps its
        /// file, queued ones are dropped. Call under the lock (for a bridge: when it is destroyed).</summary>
        internal void EndRecordingsOf(string targetUri)
        {
            if (!_recordingTargets.TryGetValue(targetUri, out var target))
                return;
            foreach (var queued in target.Queue)
                _liveRecordings.Remove(queued.Name);
            target.Queue.Clear();
            if (target.Current != null)
                FinishRecording(target.Current, keep: true);
            _recordingTargets.Remove(target.Uri);
        }

        /// <summary>A DTMF digit received on a channel ends its recording when terminateOn matches (same
        /// millisecond as ChannelDtmfReceived in transcript 06). Call it where ChannelDtmfReceived is published.</summary>
        internal void RecordingDtmf(EmulatedChannel channel, string digit)
        {
            lock (_gate) // re-entrant: callers usually hold it already
            {
                if (!_recordingTargets.TryGetValue("channel:" + channel.Id, out var target) || target.Current is null)
                    return;
                var on = target.Current.TerminateOn;
                if (on == "any" || on == digit)
                    FinishRecording(target.Current, keep: true);
            }
        }

        // ---- live recordings ----

        private EmulatorResponse GetLiveRecording(EmulatorRequest req)
        {
            lock (_gate)
                return _liveRecordings.TryGetValue(req.Path("recordingName"), out var r)
                    ? EmulatorResponse.Json(200, r.Snapshot(), Json.LiveRecording)
                    : RecordingNotFound();
        }

        /// <summary>stop/cancel work in every state; pause, unpause, mute and unmute need a started recording
        /// (409 "Recording not in session" while queued). Pausing twice is fine.</summary>
        private EmulatorResponse ControlRecording(EmulatorRequest req, string operation)
        {
            lock (_gate)
            {
                if (!_liveRecordings.TryGetValue(req.Path("recordingName"), out var r))
                    return RecordingNotFound();
                if (r.State == "queued")
                {
                    if (operation != "stop" && operation != "cancel")
                        return EmulatorResponse.Error(409, "Recording not in session");
                    _liveRecordings.Remove(r.Name);
                    var rest = r.Target.Queue.Where(x => x != r).ToList();
                    r.Target.Queue.Clear();
                    foreach (var x in rest) r.Target.Queue.Enqueue(x);
                    return EmulatorResponse.NoContent();
                }
                switch (operation)
                {
                    case "stop":
                        FinishRecording(r, keep: true);
                        break;
                    case "cancel":
                        FinishRecording(r, keep: false);
                        break;
                    case "pause":
                        if (r.State == "recording")
                        {
                            CloseSegment(r);
                            r.State = "paused";
                            if (!r.Target.Silent) r.Timer = new object();
                        }
                        break;
                    case "unpause":
                        if (r.State == "paused")
                        {
                            r.State = "recording";
                            r.SegmentStart = DateTimeOffset.UtcNow;
                            if (!r.Target.Silent) ScheduleRecordingEnd(r);
                        }
                        break;
                    case "mute":
                        r.Muted = true; // silence is recorded; the state stays "recording"
                        break;
                    case "unmute":
                        r.Muted = false;
                        break;
                }
                return EmulatorResponse.NoContent();
            }
        }

        // ---- stored recordings ----

        private EmulatorResponse ListStoredRecordings(EmulatorRequest req)
        {
            lock (_gate)
                return EmulatorResponse.Json(200, _storedRecordings.Values.Select(StoredSnapshot).ToArray(), Json.StoredRecordingArray);
        }

        private static StoredRecording StoredSnapshot(StoredFile f) => new StoredRecording { Name = f.Name, Format = f.Format };

        private EmulatorResponse GetStoredRecording(EmulatorRequest req)
        {
            lock (_gate)
                return _storedRecordings.TryGetValue(req.Path("recordingName"), out var f)
                    ? EmulatorResponse.Json(200, StoredSnapshot(f), Json.StoredRecording)
                    : RecordingNotFound();
        }

        private EmulatorResponse DeleteStoredRecording(EmulatorRequest req)
        {
            lock (_gate)
                return _storedRecordings.Remove(req.Path("recordingName")) ? EmulatorResponse.NoContent() : RecordingNotFound();
        }

        private EmulatorResponse CopyStoredRecording(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_storedRecordings.TryGetValue(req.Path("recordingName"), out var source))
                    return RecordingNotFound();
                var destination = req.Param("destinationRecordingName") ?? "";
                if (destination.Length == 0 || destination.Split('/').Any(s => s.Length == 0 || s == "." || s == ".."))
                    return EmulatorResponse.Error(400, "Invalid destination recording name");
                if (_storedRecordings.ContainsKey(destination))
                    return EmulatorResponse.Error(409, "A recording with the same name already exists on the system");
                var copy = new StoredFile { Name = destination, Format = source.Format, Seconds = source.Seconds };
                _storedRecordings[destination] = copy;
                return EmulatorResponse.Json(200, StoredSnapshot(copy), Json.StoredRecording);
            }
        }

        /// <summary>The file: audio/FORMAT with the size a real one of that length has (wav: a 44-byte header and
        /// 16-bit 8 kHz silence; gsm: 33-byte frames, 3300 bytes for 2 s). A Range header is ignored.</summary>
        private EmulatorResponse GetStoredRecordingFile(EmulatorRequest req)
        {
            StoredFile f;
            lock (_gate)
                if (!_storedRecordings.TryGetValue(req.Path("recordingName"), out f!))
                    return RecordingNotFound();
            return new EmulatorResponse { Status = 200, Body = RecordingFileBytes(f), ContentType = "audio/" + f.Format };
        }

        internal static byte[] RecordingFileBytes(StoredFile f)
        {
            var rate = RecordingFormats.TryGetValue(f.Format, out var r) ? r : 8000;
            var length = (int)Math.Round(f.Seconds * rate);
            if (f.Format == "gsm") return new byte[length / 33 * 33];
            if (f.Format != "wav" && f.Format != "wav16") return new byte[length];
            length &= ~1;
            var bytes = new byte[44 + length];
            void Put(int at, string text) { for (var i = 0; i < text.Length; i++) bytes[at + i] = (byte)text[i]; }
            void Int(int at, int value) { for (var i = 0; i < 4; i++) bytes[at + i] = (byte)(value >> (8 * i)); }
            var sampleRate = f.Format == "wav16" ? 16000 : 8000;
            Put(0, "RIFF"); Int(4, 36 + length); Put(8, "WAVE"); Put(12, "fmt ");
            Int(16, 16); bytes[20] = 1; bytes[22] = 1; Int(24, sampleRate); Int(28, sampleRate * 2); bytes[32] = 2; bytes[34] = 16;
            Put(36, "data"); Int(40, length);
            return bytes;
        }
    }
}
