using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using PSAri.Model;

namespace PSAri.Emulator
{
    /// <summary>Channel variables of one emulated channel, in the order they were first set. Names that were
    /// set with report_events are listed in the channel's channelvars from then on (transcript 03).</summary>
    internal sealed partial class EmulatedChannel
    {
        public readonly List<KeyValuePair<string, string>> ControlVariables = new List<KeyValuePair<string, string>>();
        public readonly List<string> ReportedVariables = new List<string>();

        public string? GetControlVariable(string name)
        {
            foreach (var pair in ControlVariables)
                if (pair.Key == name) return pair.Value;
            return null;
        }

        public void SetControlVariable(string name, string? value)
        {
            var index = ControlVariables.FindIndex(p => p.Key == name);
            if (value is null)
            {
                if (index >= 0) ControlVariables.RemoveAt(index);
                return;
            }
            if (index >= 0) ControlVariables[index] = new KeyValuePair<string, string>(name, value);
            else ControlVariables.Add(new KeyValuePair<string, string>(name, value));
        }

        /// <summary>Sets a variable; with report_events its name is listed in channelvars from then on.</summary>
        public void SetVariable(string name, string value, bool reportEvents)
        {
            SetControlVariable(name, value);
            if (reportEvents && !ReportedVariables.Contains(name))
                ReportedVariables.Add(name);
        }

        /// <summary>Adds channelvars to a snapshot when variables were set with report_events.</summary>
        partial void AddSnapshotParts(Channel snapshot)
        {
            if (ReportedVariables.Count == 0) return;
            var vars = new Dictionary<string, string>();
            foreach (var name in ReportedVariables)
                vars[name] = GetControlVariable(name) ?? "";
            snapshot.ChannelVars = vars;
        }
    }

    // Call control on a channel in Stasis (answer, ring, progress, DTMF, mute, hold, music on hold, silence)
    // and channel variables, answering like Asterisk 22.10.1 (transcripts 02, 03 and 05).
    public sealed partial class AriEmulator
    {
        partial void AddChannelControlRoutes(EmulatorRouter r)
        {
            r.Add("POST", "channels/{channelId}/answer", AnswerChannel);
            r.Add("POST", "channels/{channelId}/ring", req => SimpleControl(req));
            r.Add("DELETE", "channels/{channelId}/ring", req => SimpleControl(req));
            r.Add("POST", "channels/{channelId}/progress", req => SimpleControl(req));
            r.Add("POST", "channels/{channelId}/dtmf", SendDtmfToChannel);
            r.Add("POST", "channels/{channelId}/mute", MuteChannel);
            r.Add("DELETE", "channels/{channelId}/mute", MuteChannel);
            // ARI's own hold sends no ChannelHold/ChannelUnhold for the held channel (transcript 03).
            r.Add("POST", "channels/{channelId}/hold", req => SimpleControl(req));
            r.Add("DELETE", "channels/{channelId}/hold", req => SimpleControl(req));
            // Any class is accepted, even one that does not exist (transcript 03: mohClass=nosuchclass -> 204).
            r.Add("POST", "channels/{channelId}/moh", req => SimpleControl(req));
            r.Add("DELETE", "channels/{channelId}/moh", req => SimpleControl(req));
            r.Add("POST", "channels/{channelId}/silence", req => SimpleControl(req));
            r.Add("DELETE", "channels/{channelId}/silence", req => SimpleControl(req));
            r.Add("GET", "channels/{channelId}/variable", GetChannelVariable);
            r.Add("POST", "channels/{channelId}/variable", SetChannelVariable);
            r.Add("GET", "channels/{channelId}/variables", GetChannelVariables);
            r.Add("POST", "channels/{channelId}/variables", SetChannelVariables);
        }

        /// <summary>Asterisk's find_control then channel state check: 404 unknown channel, 409 not in Stasis,
        /// 412 a channel in Stasis that is still Down (created, not dialled) or Ringing. Call under the lock.</summary>
        private EmulatorResponse? FindControl(EmulatorRequest req, out EmulatedChannel channel, bool checkState = true)
        {
            if (!_channels.TryGetValue(req.Path("channelId"), out channel!))
                return ChannelNotFound();
            if (channel.StasisApp is null)
                return EmulatorResponse.Error(409, "Channel not in Stasis application");
            if (checkState && (channel.State == "Down" || channel.State == "Rsrvd" || channel.State == "Ringing"))
                return EmulatorResponse.Error(412, "Channel in invalid state");
            return null;
        }

        /// <summary>Operations with no visible effect in ARI (ring, progress, hold, moh, silence): 204, no event.</summary>
        private EmulatorResponse SimpleControl(EmulatorRequest req)
        {
            lock (_gate)
                return FindControl(req, out _) ?? EmulatorResponse.NoContent();
        }

        /// <summary>POST /channels/{id}/answer: an Up channel stays Up (204, no event); a ringing inbound one
        /// becomes Up with ChannelStateChange.</summary>
        private EmulatorResponse AnswerChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                var error = FindControl(req, out var channel);
                if (error != null) return error;
                if (channel.State != "Up")
                {
                    channel.State = "Up";
                    Publish(channel.StasisApp!, new ChannelStateChangeEvent { Channel = channel.Snapshot() }, Json.ChannelStateChangeEvent);
                }
                return EmulatorResponse.NoContent();
            }
        }

        private EmulatorResponse MuteChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                var error = FindControl(req, out _);
                if (error != null) return error;
                var direction = req.Param("direction");
                if (string.IsNullOrEmpty(direction))
                    return EmulatorResponse.Error(400, "Direction is required");
                if (direction != "in" && direction != "out" && direction != "both")
                    return EmulatorResponse.Error(400, "Invalid direction specified");
                return EmulatorResponse.NoContent();
            }
        }

        // ---- DTMF ----

        /// <summary>POST /channels/{id}/dtmf: the digits go out to the far end, so the other half of the Local
        /// pair receives them (ChannelDtmfReceived on it, for an app subscribed to it; transcript 03).</summary>
        private EmulatorResponse SendDtmfToChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                var error = FindControl(req, out var channel);
                if (error != null) return error;
                var dtmf = req.Param("dtmf");
                if (string.IsNullOrEmpty(dtmf))
                    return EmulatorResponse.Error(400, "DTMF is required");
                var before = IntParam(req, "before", 0);
                var between = IntParam(req, "between", 100);
                var duration = IntParam(req, "duration", 100);
                if (channel.Peer != null)
                    ScheduleDtmf(channel.Peer, dtmf!, before, between, duration);
                return EmulatorResponse.NoContent();
            }
        }

        private static int IntParam(EmulatorRequest req, string name, int fallback) =>
            int.TryParse(req.Param(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : fallback;

        /// <summary>One ChannelDtmfReceived per digit on <paramref name="receiver"/>, each when its tone ended.
        /// Asterisk ignores characters that are no DTMF digit.</summary>
        private void ScheduleDtmf(EmulatedChannel receiver, string digits, int before, int between, int duration)
        {
            var at = (double)before;
            foreach (var ch in digits)
            {
                var digit = char.ToUpperInvariant(ch);
                if (!"0123456789*#ABCD".Contains(digit))
                    continue;
                at += between + duration;
                var text = digit.ToString();
                Schedule(TimeSpan.FromMilliseconds(at / TimeScale), () =>
                {
                    if (receiver.HungUp || receiver.StasisApp is null) return;
                    Publish(receiver.StasisApp, new ChannelDtmfReceivedEvent { Digit = text, DurationMs = duration, Channel = receiver.Snapshot() },
                        Json.ChannelDtmfReceivedEvent);
                    RecordingDtmf(receiver, text); // terminateOn ends a recording at the key (transcript 06)
                });
            }
        }

        /// <summary>The far end of a call presses keys: the channel in Stasis (either half's id) gets one
        /// ChannelDtmfReceived per digit, 350 ms apart, each 100 ms long, as the transcripts' <c>dtmf</c>
        /// extension's SendDTMF(123#) gives (transcript 05).</summary>
        /// <returns>false when no such channel exists or neither half is in Stasis.</returns>
        public bool SendFarEndDtmf(string channelId, string digits)
        {
            if (string.IsNullOrEmpty(digits)) throw new ArgumentException("digits must not be empty", nameof(digits));
            lock (_gate)
            {
                if (!_channels.TryGetValue(channelId ?? "", out var channel))
                    return false;
                var target = channel.StasisApp != null ? channel : channel.Peer?.StasisApp != null ? channel.Peer : null;
                if (target is null)
                    return false;
                ScheduleDtmf(target, digits, 0, 250, 100);
                return true;
            }
        }

        /// <summary>The transcripts' extensions that do not enter Stasis, run by the dialplan half (;2) of a
        /// Local channel whose other half ARI originated into an app (POST /channels?endpoint=Local/X@default):
        /// <c>wait</c> answers and waits, <c>moh</c> answers and plays music (nothing an app sees), <c>dtmf</c>
        /// answers, waits 1 s and sends 123#: four ChannelDtmfReceived on the other half, the first about 1.7 s
        /// after the answer, 350 ms apart (transcript 05). Returns false for an extension the emulator does not
        /// know. Call under the lock, once the other half is in Stasis.</summary>
        internal bool RunFarEndExtension(EmulatedChannel dialplanHalf, string context, string exten)
        {
            if (context != "default") return false;
            switch (exten)
            {
                case "wait":
                case "moh":
                    return true;
                case "dtmf":
                    if (dialplanHalf.Peer != null)
                        ScheduleDtmf(dialplanHalf.Peer, "123#", 1350, 250, 100);
                    return true;
                default:
                    return false;
            }
        }

        // ---- calls that enter Stasis unanswered ----

        /// <summary>The extensions (by reference: AddExtension replacing one makes it answered again).</summary>
        private readonly HashSet<StasisExtension> _unansweredExtensions = new HashSet<StasisExtension>();

        /// <summary>Adds (or replaces) a dialplan extension that enters Stasis(app, args...) without answering,
        /// like <c>exten => X,1,Stasis(app)</c> with no Answer(): the channel is in state Ring in StasisStart,
        /// and POST /channels/{id}/answer makes it Up with a ChannelStateChange.</summary>
        public void AddUnansweredExtension(string extension, string app, string[]? args = null, string context = "default")
        {
            AddExtension(extension, app, args, context);
            lock (_gate)
            {
                var added = _dialplan[Key(context, extension)];
                added.Priority = 1;
                _unansweredExtensions.Add(added);
            }
        }

        partial void OnEnteringStasis(EmulatedChannel channel, StasisExtension target)
        {
            if (_unansweredExtensions.Contains(target))
                channel.State = "Ring";
        }

        // ---- a channel created in an app but not dialled ----

        /// <summary>Puts a channel into Stasis(app) in state Down, as POST /channels/create does before the
        /// dial: StasisStart is sent, and operations that need an answered or ringing channel (answer, ring,
        /// hold, dtmf, play ...) answer 412 "Channel in invalid state". Hang it up with DELETE or HangupCall.</summary>
        /// <exception cref="InvalidOperationException">No WebSocket is connected for the app.</exception>
        public Channel PlaceUndialledChannel(string app, string endpoint = "Local/wait@default")
        {
            if (string.IsNullOrEmpty(app)) throw new ArgumentException("app must not be empty", nameof(app));
            lock (_gate)
            {
                ThrowIfDisposed();
                if (!_apps.TryGetValue(app, out var a) || a.Socket is null)
                    throw new InvalidOperationException($"No WebSocket is connected for Stasis application '{app}'.");
                var at = endpoint.IndexOf('@');
                var slash = endpoint.IndexOf('/');
                var exten = slash >= 0 ? (at > slash ? endpoint.Substring(slash + 1, at - slash - 1) : endpoint.Substring(slash + 1)) : "s";
                var context = at >= 0 ? endpoint.Substring(at + 1) : "default";
                var channel = NewChannel($"{endpoint}-{_localCounter++:x8};1", DateTimeOffset.UtcNow, context, exten, 1, "Stasis", app);
                channel.State = "Down";
                channel.StasisApp = app;
                a.ChannelIds.Add(channel.Id);
                Publish(app, new StasisStartEvent { Channel = channel.Snapshot() }, Json.StasisStartEvent);
                return channel.Snapshot();
            }
        }

        // ---- variables ----

        /// <summary>Dialplan functions the emulator knows: CHANNEL(...) and CALLERID(...). Null for an
        /// unknown function or item.</summary>
        private static string? ReadFunction(EmulatedChannel c, string expression)
        {
            switch (expression.ToUpperInvariant())
            {
                case "CHANNEL(NAME)": return c.Name;
                case "CHANNEL(UNIQUEID)": return c.Id;
                case "CHANNEL(STATE)": return c.State;
                case "CHANNEL(LANGUAGE)": return c.Language;
                case "CHANNEL(CONTEXT)": return c.Context;
                case "CHANNEL(EXTEN)": return c.Exten;
                case "CALLERID(NUM)": return c.CallerNumber;
                case "CALLERID(NAME)": return c.CallerName;
                case "CALLERID(ALL)": return c.CallerName.Length == 0 ? c.CallerNumber : $"\"{c.CallerName}\" <{c.CallerNumber}>";
                default: return null;
            }
        }

        private static bool IsFunction(string name) => name.EndsWith(")", StringComparison.Ordinal);

        /// <summary>Sets a variable or function as Asterisk's setvar does: a variable gets ChannelVarset (a
        /// missing value unsets it, without an event), CALLERID(num|name) changes the caller and sends
        /// ChannelCallerId instead. Returns false for a function the emulator cannot write. Call under the lock.</summary>
        internal bool SetChannelVariable(EmulatedChannel channel, string name, string? value, bool reportEvents)
        {
            if (IsFunction(name))
            {
                switch (name.ToUpperInvariant())
                {
                    case "CALLERID(NUM)": channel.CallerNumber = value ?? ""; break;
                    case "CALLERID(NAME)": channel.CallerName = value ?? ""; break;
                    default: return false;
                }
                if (channel.StasisApp != null)
                    Publish(channel.StasisApp, new ChannelCallerIdEvent
                    {
                        CallerPresentation = 0, CallerPresentationText = "Presentation Allowed, Not Screened", Channel = channel.Snapshot(),
                    }, Json.ChannelCallerIdEvent);
                return true;
            }
            if (value is null)
                channel.SetControlVariable(name, null);
            else
                channel.SetVariable(name, value, reportEvents);
            if (value != null && channel.StasisApp != null)
                Publish(channel.StasisApp, new ChannelVarsetEvent { Variable = name, Value = value, Channel = channel.Snapshot() }, Json.ChannelVarsetEvent);
            return true;
        }

        /// <summary>A variable's value, or a function's; null when not set (an empty variable counts as not set,
        /// as Asterisk answers 404 for it).</summary>
        private static string? ReadVariable(EmulatedChannel channel, string name, out bool functionFailed)
        {
            functionFailed = false;
            if (IsFunction(name))
            {
                var v = ReadFunction(channel, name);
                functionFailed = v is null;
                return v;
            }
            var value = channel.GetControlVariable(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>GET /channels/{id}/variable: works on any channel (in Stasis or not); 404 "Provided channel
        /// was not found" for an unknown one, 404 "Provided variable was not found" for one never set.</summary>
        private EmulatorResponse GetChannelVariable(EmulatorRequest req)
        {
            var name = req.Param("variable");
            if (string.IsNullOrEmpty(name))
                return EmulatorResponse.Error(400, "Variable name is required");
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var channel))
                    return EmulatorResponse.Error(404, "Provided channel was not found");
                var value = ReadVariable(channel, name!, out var failed);
                if (failed)
                    return EmulatorResponse.Error(500, "Unable to read provided function");
                if (value is null)
                    return EmulatorResponse.Error(404, "Provided variable was not found");
                return EmulatorResponse.Json(200, new Variable { Value = value }, Json.Variable);
            }
        }

        /// <summary>GET /channels/{id}/variables?variables=a,b (22.10): every name must be set, or 404.</summary>
        private EmulatorResponse GetChannelVariables(EmulatorRequest req)
        {
            var names = (req.Param("variables") ?? "").Split(',').Where(n => n.Length > 0).ToArray();
            if (names.Length == 0)
                return EmulatorResponse.Error(400, "At least one variable name is required");
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var channel))
                    return EmulatorResponse.Error(404, "Provided channel was not found");
                var result = new Dictionary<string, string>();
                foreach (var name in names)
                {
                    var value = ReadVariable(channel, name, out var failed);
                    if (failed)
                        return EmulatorResponse.Error(500, "Unable to read provided function");
                    if (value is null)
                        return EmulatorResponse.Error(404, "Provided variable was not found");
                    result[name] = value;
                }
                return EmulatorResponse.Json(200, new VariableSet { Variables = result }, Json.VariableSet);
            }
        }

        /// <summary>POST /channels/{id}/variable?variable=X[&amp;value=V][&amp;report_events=true]: 204 and
        /// ChannelVarset; only for a channel in Stasis.</summary>
        private EmulatorResponse SetChannelVariable(EmulatorRequest req)
        {
            var name = req.Param("variable");
            if (string.IsNullOrEmpty(name))
                return EmulatorResponse.Error(400, "Variable name is required");
            lock (_gate)
            {
                var error = FindControl(req, out var channel, checkState: false);
                if (error != null) return error;
                return SetChannelVariable(channel, name!, req.Param("value"), IsTrue(req.Param("report_events")))
                    ? EmulatorResponse.NoContent()
                    : EmulatorResponse.Error(400, "Failed to execute function");
            }
        }

        /// <summary>POST /channels/{id}/variables with {"variables":{"A":"1","B":{"value":"2","report_events":true}}}
        /// (22.10): one ChannelVarset per variable, in order.</summary>
        private EmulatorResponse SetChannelVariables(EmulatorRequest req)
        {
            var entries = new List<(string Name, string? Value, bool Report)>();
            try
            {
                var raw = req.Param("variables");
                if (raw is null) return EmulatorResponse.Error(400, "The 'variables' field is required");
                using var doc = JsonDocument.Parse(raw);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    return EmulatorResponse.Error(400, "The 'variables' field is required");
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Object)
                    {
                        var value = p.Value.TryGetProperty("value", out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
                        var report = p.Value.TryGetProperty("report_events", out var re) && re.ValueKind == JsonValueKind.True;
                        entries.Add((p.Name, value, report));
                    }
                    else
                    {
                        entries.Add((p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(), false));
                    }
                }
            }
            catch (JsonException)
            {
                return EmulatorResponse.Error(400, "The 'variables' field is required");
            }
            lock (_gate)
            {
                var error = FindControl(req, out var channel, checkState: false);
                if (error != null) return error;
                foreach (var (name, value, report) in entries)
                    if (!SetChannelVariable(channel, name, value, report))
                        return EmulatorResponse.Error(400, "Failed to execute function");
                return EmulatorResponse.NoContent();
            }
        }

        private static bool IsTrue(string? value) =>
            value != null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}
