using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using PSAri.Model;

namespace PSAri.Emulator
{
    /// <summary>State the call operations (originate, create, dial, move, continue, snoop, external media) keep
    /// on a channel.</summary>
    internal sealed partial class EmulatedChannel
    {
        /// <summary>Apps subscribed to this channel besides the Stasis app it is in: an ARI originate with app=
        /// subscribes the app to both Local halves from creation (transcript 03).</summary>
        public readonly List<string> Watchers = new List<string>();

        /// <summary>The ";1" half of an ARI originate or create: its hangup tears the Local pair down with
        /// ChannelVarset STASISSTATUS, ChannelHangupRequest and ChannelDestroyed events.</summary>
        public bool Originated;

        /// <summary>The Local resource a created channel dials (exten@context); null once dialled.</summary>
        public string? PendingDial;

        public string ConnectedName = "";
        public string ConnectedNumber = "";

    }

    // The call operations of /channels: originate, originateWithId, create, dial, move, redirect,
    // continueInDialplan, snoopChannel(WithId), externalMedia, transfer_progress, rtpstatistics.
    public sealed partial class AriEmulator
    {
        private int _snoopCounter;
        private int _externalCounter;

        partial void AddChannelCallRoutes(EmulatorRouter r)
        {
            r.Add("POST", "channels", req => Originate(req, null, create: false));
            r.Add("POST", "channels/{channelId}", req => Originate(req, req.Path("channelId"), create: false));
            r.Add("POST", "channels/create", req => Originate(req, null, create: true));
            r.Add("POST", "channels/externalMedia", ExternalMedia);
            r.Add("POST", "channels/{channelId}/dial", DialChannel);
            r.Add("POST", "channels/{channelId}/move", MoveChannel);
            r.Add("POST", "channels/{channelId}/redirect", RedirectChannel);
            r.Add("POST", "channels/{channelId}/continue", ContinueChannel);
            r.Add("POST", "channels/{channelId}/snoop", req => SnoopChannel(req, null));
            r.Add("POST", "channels/{channelId}/snoop/{snoopId}", req => SnoopChannel(req, req.Path("snoopId")));
            r.Add("POST", "channels/{channelId}/transfer_progress", TransferProgress);
            r.Add("GET", "channels/{channelId}/rtp_statistics", RtpStatistics);
        }

        // ---- helpers ----

        /// <summary>A snapshot with what the shared snapshot leaves out: connected line and reported variables.</summary>
        private static Channel Snap(EmulatedChannel c)
        {
            var s = c.Snapshot();
            if (c.ConnectedName.Length > 0 || c.ConnectedNumber.Length > 0)
                s.Connected = new CallerId { Name = c.ConnectedName, Number = c.ConnectedNumber };
            return s;
        }

        /// <summary>The apps that see a channel's events: its Stasis app and the apps watching it.</summary>
        private static IEnumerable<string> AppsOf(EmulatedChannel c)
        {
            var apps = new List<string>();
            if (c.StasisApp != null) apps.Add(c.StasisApp);
            foreach (var w in c.Watchers)
                if (!apps.Contains(w)) apps.Add(w);
            return apps;
        }

        private void Tell<T>(EmulatedChannel c, T e, JsonTypeInfo<T> info) where T : AriEvent
        {
            foreach (var app in AppsOf(c))
                Publish(app, e, info);
        }

        private void TellWatchers<T>(EmulatedChannel c, T e, JsonTypeInfo<T> info) where T : AriEvent
        {
            foreach (var app in c.Watchers.Distinct().ToList())
                Publish(app, e, info);
        }

        private bool AppListening(string app) => _apps.TryGetValue(app, out var a) && a.Socket != null;

        private void EnterStasis(EmulatedChannel c, string app, string[] args)
        {
            c.StasisApp = app;
            if (_apps.TryGetValue(app, out var a) && !a.ChannelIds.Contains(c.Id))
                a.ChannelIds.Add(c.Id);
            Publish(app, new StasisStartEvent { Args = args, Channel = Snap(c) }, Json.StasisStartEvent);
        }

        private void LeaveApp(EmulatedChannel c)
        {
            var app = c.StasisApp;
            if (app is null) return;
            c.StasisApp = null;
            if (_apps.TryGetValue(app, out var a))
            {
                a.ChannelIds.Remove(c.Id);
                if (a.Socket is null && a.ChannelIds.Count == 0)
                    _apps.Remove(app);
            }
        }

        /// <summary>Asterisk's splitting of appArgs: commas separate, double quotes group (and are removed),
        /// spaces are kept; an empty value means no arguments (transcript 12).</summary>
        internal static string[] SplitAppArgs(string? appArgs)
        {
            if (string.IsNullOrEmpty(appArgs)) return Array.Empty<string>();
            var list = new List<string>();
            var current = new StringBuilder();
            var quoted = false;
            foreach (var ch in appArgs!)
            {
                if (ch == '"') quoted = !quoted;
                else if (ch == ',' && !quoted) { list.Add(current.ToString()); current.Clear(); }
                else current.Append(ch);
            }
            list.Add(current.ToString());
            return list.ToArray();
        }

        private static string StasisAppData(string app, string? appArgs) =>
            string.IsNullOrEmpty(appArgs) ? app : app + "," + appArgs;

        /// <summary>callerId as Asterisk parses it: "Name" &lt;number&gt;, Name &lt;number&gt;, or a bare number or name.</summary>
        private static (string Name, string Number) ParseCallerId(string text)
        {
            var lt = text.IndexOf('<');
            var gt = text.LastIndexOf('>');
            if (lt >= 0 && gt > lt)
                return (text.Substring(0, lt).Trim().Trim('"'), text.Substring(lt + 1, gt - lt - 1).Trim());
            var t = text.Trim();
            return t.Length > 0 && t.All(ch => char.IsDigit(ch) || ch == '+' || ch == '*' || ch == '#') ? ("", t) : (t.Trim('"'), "");
        }

        private static readonly Dictionary<string, int> HangupCauses = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["normal"] = 16, ["busy"] = 17, ["congestion"] = 34, ["no_answer"] = 19, ["timeout"] = 18, ["rejected"] = 21,
            ["unallocated"] = 1, ["normal_unspecified"] = 31, ["number_incomplete"] = 28, ["codec_mismatch"] = 58,
            ["interworking"] = 127, ["failure"] = 38, ["answered_elsewhere"] = 26,
        };

        private static string CauseText(int cause) => cause switch
        {
            1 => "Unallocated (unassigned) number",
            16 => "Normal Clearing",
            17 => "User busy",
            18 => "No user responding",
            19 => "User alerting, no answer",
            21 => "Call Rejected",
            26 => "Answered elsewhere",
            28 => "Invalid number format (incomplete number)",
            31 => "Normal, unspecified",
            34 => "Circuit/channel congestion",
            38 => "Network out of order",
            58 => "Bearer capability not available",
            127 => "Interworking, unspecified",
            _ => "Unknown",
        };

        /// <summary>Variables of an originate body: {"NAME":"value"} or {"NAME":{"value":..,"report_events":true}}.</summary>
        private static List<(string Name, string Value, bool Report)> ParseVariables(string? json)
        {
            var list = new List<(string, string, bool)>();
            if (string.IsNullOrEmpty(json)) return list;
            try
            {
                using var doc = JsonDocument.Parse(json!);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return list;
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Object)
                    {
                        var value = p.Value.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
                        var report = p.Value.TryGetProperty("report_events", out var r) && r.ValueKind == JsonValueKind.True;
                        list.Add((p.Name, value, report));
                    }
                    else
                    {
                        list.Add((p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), false));
                    }
                }
            }
            catch (JsonException) { }
            return list;
        }

        private void Rename(EmulatedChannel c, string id)
        {
            _channels.Remove(c.Id);
            c.Id = id;
            _channels[id] = c;
        }

        private static bool HasContext(IEnumerable<string> keys, string context) =>
            context == "default" || keys.Any(k => k.EndsWith("@" + context, StringComparison.Ordinal));

        // ---- originate, originateWithId, create ----

        /// <summary>POST /channels, /channels/{id}, /channels/create. Asterisk's order of checks: endpoint given,
        /// endpoint has a technology, app or extension (not for create), ids free (409), technology (500
        /// {"error":"Allocation failed"}). Only Local channels can be allocated here.</summary>
        private EmulatorResponse Originate(EmulatorRequest req, string? pathId, bool create)
        {
            var endpoint = req.Param("endpoint");
            if (string.IsNullOrEmpty(endpoint))
                return EmulatorResponse.Error(400, "Endpoint must be specified");
            var slash = endpoint!.IndexOf('/');
            if (slash <= 0 || slash == endpoint.Length - 1)
                return EmulatorResponse.Error(400, "Invalid endpoint specified");
            var app = req.Param("app") is string { Length: > 0 } a ? a : null;
            var extension = req.Param("extension") is string { Length: > 0 } e ? e : null;
            if (!create && app is null && extension is null)
                return EmulatorResponse.Error(400, "Application or extension must be specified");
            var tech = endpoint.Substring(0, slash);
            var resource = endpoint.Substring(slash + 1);
            var appArgs = req.Param("appArgs");
            var variables = ParseVariables(req.Param("variables"));
            lock (_gate)
            {
                var id = pathId ?? (req.Param("channelId") is string { Length: > 0 } cid ? cid : null);
                var otherId = req.Param("otherChannelId") is string { Length: > 0 } oid ? oid : null;
                if ((id != null && _channels.ContainsKey(id)) || (otherId != null && _channels.ContainsKey(otherId)))
                    return EmulatorResponse.Error(409, "Channel with given unique ID already exists");
                if (!string.Equals(tech, "Local", StringComparison.OrdinalIgnoreCase))
                    return EmulatorResponse.Raw(500, EmulatorJson.Object(w => w.WriteString("error", "Allocation failed")));

                var at = resource.IndexOf('@');
                var exten = at < 0 ? resource : resource.Substring(0, at);
                var context = at < 0 ? "default" : resource.Substring(at + 1);
                var name = $"Local/{resource}-{_localCounter++:x8}";
                var now = DateTimeOffset.UtcNow;
                var one = NewChannel(name + ";1", now, context, exten, 1, create ? "" : "AppDial2", create ? "" : "(Outgoing Line)");
                if (id != null) Rename(one, id);
                one.Originated = true;
                if (req.Param("callerId") is string { Length: > 0 } callerId && !create)
                {
                    var (cn, num) = ParseCallerId(callerId);
                    one.CallerName = cn; one.CallerNumber = num;
                    one.ConnectedName = cn; one.ConnectedNumber = num;
                }
                foreach (var (vn, vv, report) in variables)
                {
                    if (vn == "CALLERID(name)") one.CallerName = vv;
                    else if (vn == "CALLERID(num)" || vn == "CALLERID(number)") one.CallerNumber = vv;
                    else
                    {
                        one.SetVariable(vn, vv, report);
                    }
                }
                // The answer shows no channelvars yet; the events after it do (transcript 03).
                var created = Snap(one);
                created.ChannelVars = null;
                var answer = EmulatorResponse.Json(200, created, Json.Channel);

                if (create)
                {
                    one.PendingDial = resource;
                    if (app is null)
                        return answer; // created, not in Stasis
                    if (!AppListening(app))
                    {
                        RemovePair(one); // Stasis() fails for an app nobody registered: hung up at once
                        return answer;
                    }
                    one.Watchers.Add(app);
                    one.AppName = "Stasis";
                    one.AppData = StasisAppData(app, appArgs);
                    Tell(one, new ChannelDialplanEvent { DialplanApp = one.AppName, DialplanAppData = one.AppData, Channel = Snap(one) }, Json.ChannelDialplanEvent);
                    Tell(one, new ChannelVarsetEvent { Variable = "STASISSTATUS", Value = "", Channel = Snap(one) }, Json.ChannelVarsetEvent);
                    EnterStasis(one, app, SplitAppArgs(appArgs));
                    return answer;
                }

                var two = NewChannel(name + ";2", now, context, exten, 1, "", "");
                if (otherId != null) Rename(two, otherId);
                else if (id != null) Rename(two, id + ";2");
                two.State = "Ring";
                one.Peer = two;
                two.Peer = one;
                foreach (var v in one.ControlVariables) two.SetControlVariable(v.Key, v.Value);

                if (app != null)
                {
                    if (!AppListening(app))
                    {
                        RemovePair(one); // 200, then the channel is gone (transcript 10)
                        return answer;
                    }
                    one.Watchers.Add(app);
                    two.Watchers.Add(app);
                    // Local copies the originate variables to ;2; Asterisk reports them last one first.
                    foreach (var (vn, vv, _) in Enumerable.Reverse(variables))
                        if (!vn.StartsWith("CALLERID(", StringComparison.Ordinal))
                            Tell(two, new ChannelVarsetEvent { Variable = vn, Value = vv, Channel = Snap(two) }, Json.ChannelVarsetEvent);
                    Dial(one, resource);
                    AnswerLocalPeer(two);
                    one.State = "Up";
                    Tell(one, new ChannelStateChangeEvent { Channel = Snap(one) }, Json.ChannelStateChangeEvent);
                    TellWatchers(one, new DialEvent { DialStatus = "ANSWER", Forward = "", DialString = resource, Peer = Snap(one) }, Json.DialEvent);
                    one.AppName = "Stasis";
                    one.AppData = StasisAppData(app, appArgs);
                    Tell(one, new ChannelVarsetEvent { Variable = "STASISSTATUS", Value = "", Channel = Snap(one) }, Json.ChannelVarsetEvent);
                    EnterStasis(one, app, SplitAppArgs(appArgs));
                    return answer;
                }

                // Into the dialplan: ;1 runs extension@context; nobody is subscribed, so no events unless the
                // extension is a Stasis one.
                AnswerLocalPeer(two);
                one.State = "Up";
                var targetContext = req.Param("context") is string { Length: > 0 } ctx ? ctx : "default";
                long.TryParse(req.Param("priority"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority);
                RunDialplan(one, targetContext, extension!, priority > 0 ? priority : 1, null);
                return answer;
            }
        }

        /// <summary>The ;2 half answers and runs its extension: Answer, then Wait (or the Stasis app of a Stasis
        /// extension of the emulator's dialplan).</summary>
        private void AnswerLocalPeer(EmulatedChannel two)
        {
            two.AppName = "Answer";
            two.AppData = "";
            Tell(two, new ChannelDialplanEvent { DialplanApp = "Answer", DialplanAppData = "", Channel = Snap(two) }, Json.ChannelDialplanEvent);
            two.State = "Up";
            Tell(two, new ChannelStateChangeEvent { Channel = Snap(two) }, Json.ChannelStateChangeEvent);
            var target = FindExtension(two.Context, two.Exten);
            if (target != null)
            {
                two.Priority = target.Priority;
                two.AppName = "Stasis";
                two.AppData = target.AppData;
                if (AppListening(target.App))
                    EnterStasis(two, target.App, target.Args);
                return;
            }
            Schedule(TimeSpan.FromMilliseconds(500 / TimeScale), () =>
            {
                if (two.HungUp || two.StasisApp != null || two.AppName != "Answer") return;
                two.Priority = 2;
                two.AppName = "Wait";
                two.AppData = "120";
                Tell(two, new ChannelDialplanEvent { DialplanApp = "Wait", DialplanAppData = "120", Channel = Snap(two) }, Json.ChannelDialplanEvent);
            });
        }

        private void Dial(EmulatedChannel one, string resource) =>
            TellWatchers(one, new DialEvent { DialStatus = "", Forward = "", DialString = resource, Peer = Snap(one) }, Json.DialEvent);

        /// <summary>Sends a channel (out of Stasis) to context/extension/priority of the simulated dialplan:
        /// a Stasis extension enters its app, a context the dialplan lacks hangs the call up, anything else
        /// answers and waits (like the capture's "wait" extension).</summary>
        private void RunDialplan(EmulatedChannel c, string context, string exten, long priority, string? label)
        {
            if (!HasContext(_dialplan.Keys, context))
            {
                HangupFromDialplan(c, 16);
                return;
            }
            c.Context = context;
            c.Exten = exten;
            var target = FindExtension(context, exten);
            if (target != null)
            {
                if (priority > target.Priority || !AppListening(target.App))
                {
                    HangupFromDialplan(c, 16); // the extension ends, or Stasis() fails
                    return;
                }
                c.Priority = target.Priority;
                c.AppName = "Stasis";
                c.AppData = target.AppData;
                Tell(c, new ChannelDialplanEvent { DialplanApp = "Stasis", DialplanAppData = target.AppData, Channel = Snap(c) }, Json.ChannelDialplanEvent);
                EnterStasis(c, target.App, target.Args);
                return;
            }
            c.Priority = Math.Max(priority, 2);
            c.AppName = "Wait";
            c.AppData = "120";
            Tell(c, new ChannelDialplanEvent { DialplanApp = "Wait", DialplanAppData = "120", Channel = Snap(c) }, Json.ChannelDialplanEvent);
        }

        /// <summary>A channel that fell out of the dialplan: its watchers see it (and its peer) destroyed.</summary>
        private void HangupFromDialplan(EmulatedChannel c, int cause)
        {
            foreach (var x in new[] { c, c.Peer })
            {
                if (x is null || x.HungUp) continue;
                if (x.StasisApp != null) LeaveStasis(x, cause, soft: false);
                TellWatchers(x, new ChannelHangupRequestEvent { Cause = cause, Channel = Snap(x) }, Json.ChannelHangupRequestEvent);
                TellWatchers(x, new ChannelDestroyedEvent { Cause = cause, CauseText = CauseText(cause), Channel = Snap(x) }, Json.ChannelDestroyedEvent);
            }
            RemovePair(c);
        }

        /// <summary>Called by DELETE /channels/{id} (HangupChannel) after its checks: the hangup of the ;1 half of
        /// an ARI originate or create, as transcript 03 shows it: ChannelHangupRequest {32, soft}, StasisEnd,
        /// ChannelVarset STASISSTATUS=SUCCESS, ChannelHangupRequest(;2, cause), ChannelDestroyed(;1),
        /// ChannelHangupRequest(;2, 16, soft), ChannelDestroyed(;2). Returns false for other channels.</summary>
        private bool HangupOriginated(EmulatedChannel one, string? reason, string? reasonCode)
        {
            if (!one.Originated) return false;
            var cause = reasonCode != null ? int.Parse(reasonCode, NumberStyles.None, CultureInfo.InvariantCulture)
                : reason != null && HangupCauses.TryGetValue(reason, out var c) ? c : 16;
            Tell(one, new ChannelHangupRequestEvent { Cause = 32, Soft = true, Channel = Snap(one) }, Json.ChannelHangupRequestEvent);
            one.HungUp = true;
            if (one.StasisApp != null)
            {
                var app = one.StasisApp;
                if (one.CurrentPlayback != null) FinishPlayback(one.CurrentPlayback, "failed");
                foreach (var queued in one.QueuedPlaybacks) ForgetPlayback(queued);
                one.QueuedPlaybacks.Clear();
                Publish(app, new StasisEndEvent { Channel = Snap(one) }, Json.StasisEndEvent);
                LeaveApp(one);
            }
            TellWatchers(one, new ChannelVarsetEvent { Variable = "STASISSTATUS", Value = "SUCCESS", Channel = Snap(one) }, Json.ChannelVarsetEvent);
            var two = one.Peer;
            if (two != null)
            {
                if (two.StasisApp != null) LeaveStasis(two, cause, soft: false);
                TellWatchers(two, new ChannelHangupRequestEvent { Cause = cause, Channel = Snap(two) }, Json.ChannelHangupRequestEvent);
            }
            one.AppName = "AppDial2";
            one.AppData = "(Outgoing Line)";
            TellWatchers(one, new ChannelDestroyedEvent { Cause = cause, CauseText = CauseText(cause), Channel = Snap(one) }, Json.ChannelDestroyedEvent);
            if (two != null)
            {
                TellWatchers(two, new ChannelHangupRequestEvent { Cause = 16, Soft = true, Channel = Snap(two) }, Json.ChannelHangupRequestEvent);
                TellWatchers(two, new ChannelDestroyedEvent { Cause = cause, CauseText = CauseText(cause), Channel = Snap(two) }, Json.ChannelDestroyedEvent);
            }
            RemovePair(one);
            return true;
        }

        // ---- dial ----

        /// <summary>POST /channels/{id}/dial: a created (Down) channel dials its endpoint: Dial, ChannelStateChange
        /// Up, Dial ANSWER. 409 unless Down.</summary>
        private EmulatorResponse DialChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var one))
                    return ChannelNotFound();
                if (one.StasisApp is null)
                    return EmulatorResponse.Error(409, "Channel not in Stasis application");
                if (one.State != "Down")
                    return EmulatorResponse.Error(409, "Channel is not in the 'Down' state");
                var resource = one.PendingDial ?? one.Exten + "@" + one.Context;
                one.PendingDial = null;
                Dial(one, resource);
                if (one.Peer is null)
                {
                    var baseName = one.Name.EndsWith(";1", StringComparison.Ordinal) ? one.Name.Substring(0, one.Name.Length - 2) : one.Name;
                    var two = NewChannel(baseName + ";2", DateTimeOffset.UtcNow, one.Context, one.Exten, 1, "Answer", "");
                    two.State = "Up";
                    one.Peer = two;
                    two.Peer = one;
                }
                one.State = "Up";
                Tell(one, new ChannelStateChangeEvent { Channel = Snap(one) }, Json.ChannelStateChangeEvent);
                TellWatchers(one, new DialEvent { DialStatus = "ANSWER", Forward = "", DialString = resource, Peer = Snap(one) }, Json.DialEvent);
                return EmulatorResponse.NoContent();
            }
        }

        // ---- move, redirect, continue ----

        /// <summary>POST /channels/{id}/move: StasisStart in the new app, StasisEnd in the old one; an app nobody
        /// registered: 204 and ApplicationMoveFailed, the channel stays. Without app Asterisk 22.10.1 crashes
        /// (transcript 99): so does the emulator (the connection drops, every socket closes with 1006, and the
        /// emulator stops).</summary>
        private EmulatorResponse MoveChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var c))
                    return ChannelNotFound();
                if (c.StasisApp is null)
                    return EmulatorResponse.Error(409, "Channel not in Stasis application");
                var app = req.Param("app");
                if (app is null)
                {
                    Task.Run(() => Dispose());
                    throw new InvalidOperationException("Asterisk 22.10.1 crashes on POST /channels/{channelId}/move without app.");
                }
                var args = SplitAppArgs(req.Param("appArgs"));
                var old = c.StasisApp;
                if (!AppListening(app))
                {
                    Publish(old, new ApplicationMoveFailedEvent { Destination = app, Args = args, Channel = Snap(c) }, Json.ApplicationMoveFailedEvent);
                    return EmulatorResponse.NoContent();
                }
                if (app == old)
                    return EmulatorResponse.NoContent();
                var snapshot = Snap(c);
                LeaveApp(c);
                EnterStasis(c, app, args);
                Publish(old, new StasisEndEvent { Channel = snapshot }, Json.StasisEndEvent);
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>POST /channels/{id}/redirect: Asterisk redirects only within a technology; a Local channel to a
        /// Local endpoint answers 204 and nothing happens (unsupported transfer).</summary>
        private EmulatorResponse RedirectChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var c))
                    return ChannelNotFound();
                if (c.StasisApp is null)
                    return EmulatorResponse.Error(409, "Channel not in Stasis application");
                var endpoint = req.Param("endpoint");
                if (string.IsNullOrEmpty(endpoint))
                    return EmulatorResponse.Error(400, "Required parameter 'endpoint' not provided.");
                var slash = endpoint!.IndexOf('/');
                if (slash <= 0)
                    return EmulatorResponse.Error(400, $"Endpoint parameter '{endpoint}' does not contain tech");
                var tech = endpoint.Substring(0, slash);
                var channelTech = c.Name.IndexOf('/') is int i && i > 0 ? c.Name.Substring(0, i) : c.Name;
                if (!string.Equals(tech, channelTech, StringComparison.OrdinalIgnoreCase))
                    return EmulatorResponse.Error(422, $"Endpoint technology '{tech}' does not match channel technology '{channelTech}'");
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>POST /channels/{id}/continue: StasisEnd, then the channel runs the dialplan (a missing context
        /// hangs it up). 412 while the channel is Down.</summary>
        private EmulatorResponse ContinueChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var c))
                    return ChannelNotFound();
                if (c.StasisApp is null)
                    return EmulatorResponse.Error(409, "Channel not in Stasis application");
                if (c.State == "Down")
                    return EmulatorResponse.Error(412, "Channel in invalid state");
                var context = req.Param("context") is string { Length: > 0 } ctx ? ctx : c.Context;
                var exten = req.Param("extension") is string { Length: > 0 } ext ? ext : c.Exten;
                long priority;
                if (long.TryParse(req.Param("priority"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0)
                    priority = p;
                else
                    priority = req.Param("extension") is string { Length: > 0 } || req.Param("label") != null ? 1 : c.Priority + 1;
                var app = c.StasisApp;
                if (c.CurrentPlayback != null) FinishPlayback(c.CurrentPlayback, "failed");
                foreach (var queued in c.QueuedPlaybacks) ForgetPlayback(queued);
                c.QueuedPlaybacks.Clear();
                Publish(app, new StasisEndEvent { Channel = Snap(c) }, Json.StasisEndEvent);
                LeaveApp(c);
                RunDialplan(c, context, exten, priority, req.Param("label"));
                return EmulatorResponse.NoContent();
            }
        }

        // ---- snoop ----

        private static readonly string[] SnoopDirections = { "none", "both", "out", "in" };

        /// <summary>POST /channels/{id}/snoop[/{snoopId}]: a Snoop/&lt;id&gt;-0000000n channel (Up) that enters the
        /// app with appArgs.</summary>
        private EmulatorResponse SnoopChannel(EmulatorRequest req, string? pathSnoopId)
        {
            var spy = req.Param("spy") ?? "none";
            var whisper = req.Param("whisper") ?? "none";
            if (!SnoopDirections.Contains(spy))
                return EmulatorResponse.Error(400, "Invalid direction specified for spy");
            if (!SnoopDirections.Contains(whisper))
                return EmulatorResponse.Error(400, "Invalid direction specified for whisper");
            if (spy == "none" && whisper == "none")
                return EmulatorResponse.Error(400, "Direction must be specified for at least spy or whisper");
            var app = req.Param("app");
            if (string.IsNullOrEmpty(app))
                return EmulatorResponse.Error(400, "Application name is required");
            var appArgs = req.Param("appArgs");
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var target))
                    return ChannelNotFound();
                var snoopId = pathSnoopId ?? (req.Param("snoopId") is string { Length: > 0 } q ? q : null);
                if (snoopId != null && _channels.ContainsKey(snoopId))
                    return EmulatorResponse.Error(409, "Channel with given unique ID already exists");
                var snoop = NewChannel($"Snoop/{target.Id}-{_snoopCounter++:x8}", DateTimeOffset.UtcNow, "default", "s", 1, "", "");
                if (snoopId != null) Rename(snoop, snoopId);
                snoop.State = "Up";
                var answer = EmulatorResponse.Json(200, Snap(snoop), Json.Channel);
                if (!AppListening(app!))
                {
                    RemovePair(snoop);
                    return answer;
                }
                snoop.AppName = "Stasis";
                snoop.AppData = StasisAppData(app!, appArgs);
                EnterStasis(snoop, app!, SplitAppArgs(appArgs));
                return answer;
            }
        }

        // ---- external media ----

        /// <summary>POST /channels/externalMedia: a UnicastRTP (or AudioSocket / WebSocket) channel that enters the
        /// app. No transcript covers it; the checks follow the API docs.</summary>
        private EmulatorResponse ExternalMedia(EmulatorRequest req)
        {
            var app = req.Param("app");
            if (string.IsNullOrEmpty(app))
                return EmulatorResponse.Error(400, "app cannot be empty");
            var encapsulation = req.Param("encapsulation") is string { Length: > 0 } en ? en : "rtp";
            var transport = req.Param("transport") is string { Length: > 0 } tr ? tr : "udp";
            var connectionType = req.Param("connection_type") is string { Length: > 0 } ct ? ct : "client";
            var host = req.Param("external_host");
            var websocketServer = transport == "websocket" && connectionType == "server";
            if (string.IsNullOrEmpty(host) && !websocketServer)
                return EmulatorResponse.Error(400, "external_host cannot be empty");
            if (string.IsNullOrEmpty(req.Param("format")))
                return EmulatorResponse.Error(400, "format cannot be empty");
            if (req.Param("direction") is string { Length: > 0 } direction && direction != "both")
                return EmulatorResponse.Error(400, "Invalid direction specified");
            string tech;
            if (encapsulation == "rtp" && transport == "udp") tech = "UnicastRTP";
            else if (encapsulation == "audiosocket" && transport == "tcp") tech = "AudioSocket";
            else if (encapsulation == "none" && transport == "websocket") tech = "WebSocket";
            else return EmulatorResponse.Error(501, "The encapsulation and/or transport is not supported");
            if (tech == "AudioSocket" && string.IsNullOrEmpty(req.Param("data")))
                return EmulatorResponse.Error(400, "data can not be empty");
            var variables = ParseVariables(req.Param("variables"));
            lock (_gate)
            {
                var id = req.Param("channelId") is string { Length: > 0 } cid ? cid : null;
                if (id != null && _channels.ContainsKey(id))
                    return EmulatorResponse.Error(409, "Channel with given unique ID already exists");
                var n = _externalCounter++;
                var c = NewChannel($"{tech}/{host ?? "server"}-0x{0x7f0000000000L + n * 0x100:x}", DateTimeOffset.UtcNow, "default", "s", 1, "", "");
                if (id != null) Rename(c, id);
                c.State = "Up";
                foreach (var (vn, vv, report) in variables)
                {
                    c.SetVariable(vn, vv, report);
                }
                if (tech == "UnicastRTP")
                {
                    c.SetVariable("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1", reportEvents: true);
                    c.SetVariable("UNICASTRTP_LOCAL_PORT", (10000 + 2 * n).ToString(CultureInfo.InvariantCulture), reportEvents: true);
                }
                var answer = EmulatorResponse.Json(200, Snap(c), Json.Channel);
                if (!AppListening(app!))
                {
                    RemovePair(c);
                    return answer;
                }
                c.AppName = "Stasis";
                c.AppData = app!;
                EnterStasis(c, app!, Array.Empty<string>());
                return answer;
            }
        }

        // ---- transfer progress, RTP statistics ----

        private static readonly string[] TransferStates = { "channel_progress", "channel_answered", "channel_unavailable", "channel_declined" };

        /// <summary>POST /channels/{id}/transfer_progress: reports the progress of a transfer to the transferring
        /// party; nothing to see on Local channels (204).</summary>
        private EmulatorResponse TransferProgress(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var c))
                    return ChannelNotFound();
                if (c.StasisApp is null)
                    return EmulatorResponse.Error(409, "Channel not in Stasis application");
                var states = req.Param("states");
                if (string.IsNullOrEmpty(states))
                    return EmulatorResponse.Error(400, "states must not be empty");
                if (!TransferStates.Contains(states))
                    return EmulatorResponse.Error(400, "Invalid states value");
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>GET /channels/{id}/rtp_statistics: 403 for channels without RTP (Local, Snoop), as in
        /// transcript 03; an external media (UnicastRTP) channel has statistics.</summary>
        private EmulatorResponse RtpStatistics(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_channels.TryGetValue(req.Path("channelId"), out var c))
                    return ChannelNotFound();
                if (!c.Name.StartsWith("UnicastRTP/", StringComparison.Ordinal))
                    return EmulatorResponse.Error(403, "Unsupported channel type");
                var stat = new RtpStat { ChannelId = c.Id, LocalSsrc = 1000 + c.Id.Length, RemoteSsrc = 2000 };
                return EmulatorResponse.Json(200, stat, Json.RtpStat);
            }
        }
    }
}
