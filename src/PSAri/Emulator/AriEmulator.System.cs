using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PSAri.Model;

namespace PSAri.Emulator
{
    /// <summary>A Stasis application's subscriptions and event filter (transcripts 08 and 09).</summary>
    internal sealed partial class EmulatedApp
    {
        /// <summary>Explicit subscriptions, in the order they were made: "channel:ID", "bridge:ID", "endpoint:TECH/RES", "deviceState:NAME".</summary>
        public readonly List<string> Subscriptions = new List<string>();
        /// <summary>subscribeAll=true on its WebSocket: the Application lists Asterisk's catch-all topics.</summary>
        public bool SubscribeAll;
        public readonly List<string> EventsAllowed = new List<string>();
        public readonly List<string> EventsDisallowed = new List<string>();

        /// <summary>Asterisk's filter: a non-empty allow list lets only its types through; the deny list blocks its types.</summary>
        public bool Allows(string type) =>
            (EventsAllowed.Count == 0 || EventsAllowed.Contains(type)) && !EventsDisallowed.Contains(type);
    }

    /// <summary>A channel that StasisBroadcast offered to applications and nobody claimed yet.</summary>
    internal sealed class EmulatedBroadcast
    {
        public EmulatedChannel Channel = null!;
        public string[] Apps = Array.Empty<string>();
        public string[] Args = Array.Empty<string>();
        public bool Notify;
        public string? Winner;
    }

    /// <summary>A module of the emulated Asterisk (GET /asterisk/modules).</summary>
    internal sealed class EmulatedModule
    {
        public string Name = "";
        public string Description = "";
        public int UseCount;
        public string Status = "Running";
        public string SupportLevel = "core";
        public bool Reloadable = true;
        public bool Loaded = true;

        public AsteriskModule Snapshot() => new AsteriskModule
        {
            Name = Name, Description = Description, UseCount = UseCount, Status = Status, SupportLevel = SupportLevel,
        };
    }

    // /asterisk (info, ping, modules, logging, global variables, dynamic config), /applications and
    // /events (user events, claims) as Asterisk 22.10.1 answers them (transcripts 02, 08, 09, 15).
    public sealed partial class AriEmulator
    {
        private const string LogDirectory = "/var/log/asterisk-run/log";

        private readonly List<EmulatedModule> _modules = DefaultModules();
        private readonly List<LogChannel> _logChannels = new List<LogChannel>
        {
            new LogChannel { Channel = LogDirectory + "/messages.log", Type = "File", Status = "Enabled", Configuration = "NOTICE WARNING ERROR VERBOSE " },
            new LogChannel { Channel = "", Type = "Console", Status = "Enabled", Configuration = "NOTICE WARNING ERROR VERBOSE " },
        };
        /// <summary>Log channels added through ARI (a rotate reloads the logger and drops them).</summary>
        private readonly HashSet<string> _ariLogChannels = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _globals = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, EmulatedBroadcast> _broadcasts = new Dictionary<string, EmulatedBroadcast>(StringComparer.Ordinal);

        /// <summary>The dialplan's StasisBroadcast extensions: broadcast@default runs
        /// StasisBroadcast(3000,^capbc,bc1:bc2,yes), as in transcript 15.</summary>
        private readonly Dictionary<string, (int TimeoutMs, string AppFilter, string[] Args, bool Notify)> _broadcastExtensions =
            new Dictionary<string, (int, string, string[], bool)>(StringComparer.Ordinal)
            {
                ["broadcast@default"] = (3000, "^capbc", new[] { "bc1", "bc2" }, true),
            };

        partial void AddSystemRoutes(EmulatorRouter r)
        {
            r.Add("GET", "asterisk/info", GetAsteriskInfo);
            r.Add("GET", "asterisk/ping", Ping);
            r.Add("GET", "asterisk/modules", ListModules);
            r.Add("GET", "asterisk/modules/{moduleName}", GetModule);
            r.Add("POST", "asterisk/modules/{moduleName}", LoadModule);
            r.Add("DELETE", "asterisk/modules/{moduleName}", UnloadModule);
            r.Add("PUT", "asterisk/modules/{moduleName}", ReloadModule);
            r.Add("GET", "asterisk/logging", ListLogChannels);
            r.Add("POST", "asterisk/logging/{logChannelName}", AddLogChannel);
            r.Add("DELETE", "asterisk/logging/{logChannelName}", DeleteLogChannel);
            r.Add("PUT", "asterisk/logging/{logChannelName}/rotate", RotateLogChannel);
            r.Add("GET", "asterisk/variable", GetGlobalVariable);
            r.Add("POST", "asterisk/variable", SetGlobalVariable);
            // The captured server had no sorcery class open to ARI: every class is "not found" unless a test
            // adds one with AddConfigClass.
            r.Add("GET", "asterisk/config/dynamic/{configClass}/{objectType}/{id}", GetConfigObject);
            r.Add("PUT", "asterisk/config/dynamic/{configClass}/{objectType}/{id}", UpdateConfigObject);
            r.Add("DELETE", "asterisk/config/dynamic/{configClass}/{objectType}/{id}", DeleteConfigObject);
            r.Add("GET", "applications", ListApplications);
            r.Add("GET", "applications/{applicationName}", GetApplication);
            r.Add("POST", "applications/{applicationName}/subscription", Subscribe);
            r.Add("DELETE", "applications/{applicationName}/subscription", Unsubscribe);
            r.Add("PUT", "applications/{applicationName}/eventFilter", SetEventFilter);
            r.Add("POST", "events/user/{eventName}", SendUserEvent);
            r.Add("POST", "events/claim", ClaimChannel);
        }

        // ---- /asterisk/info, /asterisk/ping ----

        private EmulatorResponse GetAsteriskInfo(EmulatorRequest req)
        {
            var info = new AsteriskInfo
            {
                Build = new BuildInfo
                {
                    Os = "Linux", Kernel = "6.18.44-fc-v657", Machine = "x86_64", Options = "OPTIONAL_API",
                    Date = StartTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture), User = "root",
                },
                System = new SystemInfo { Version = AsteriskVersion, EntityId = EntityId },
                Config = new ConfigInfo { Name = "", DefaultLanguage = "en", SetId = new SetId() },
                Status = new StatusInfo { StartupTime = StartTime, LastReloadTime = StartTime },
            };
            if (req.Param("only") is string only)
            {
                // only=a,b keeps those parts; unknown names give {}; a repeated only: the last one wins.
                var keep = only.Split(',');
                if (!keep.Contains("build")) info.Build = null;
                if (!keep.Contains("system")) info.System = null;
                if (!keep.Contains("config")) info.Config = null;
                if (!keep.Contains("status")) info.Status = null;
            }
            return EmulatorResponse.Json(200, info, Json.AsteriskInfo);
        }

        private EmulatorResponse Ping(EmulatorRequest req) => EmulatorResponse.Raw(200, EmulatorJson.Object(w =>
        {
            w.WriteString("ping", "pong");
            w.WriteString("timestamp", EmulatorJson.Timestamp(DateTimeOffset.UtcNow));
            w.WriteString("asterisk_id", EntityId);
        }));

        // ---- /asterisk/modules ----

        private static List<EmulatedModule> DefaultModules()
        {
            EmulatedModule M(string name, string description, int useCount = 0, string level = "core", bool reloadable = true, string status = "Running") =>
                new EmulatedModule { Name = name, Description = description, UseCount = useCount, SupportLevel = level, Reloadable = reloadable, Status = status };
            return new List<EmulatedModule>
            {
                M("acl", "Named ACL system", 2),
                M("app_adsiprog.so", "Asterisk ADSI Programming Application", level: "deprecated", reloadable: false),
                M("app_agent_pool.so", "Call center agent pool applications", status: "Not Running"),
                M("app_dial.so", "Dialing Application", reloadable: false),
                M("app_echo.so", "Simple Echo Application", reloadable: false),
                M("app_morsecode.so", "Morse code", level: "extended", reloadable: false),
                M("app_playback.so", "Sound File Playback Application"),
                M("app_stasis.so", "Stasis dialplan application", 1, reloadable: false),
                M("app_userevent.so", "Custom User Event Application", reloadable: false),
                M("bridge_simple.so", "Simple two channel bridging module", reloadable: false),
                M("bridge_softmix.so", "Multi-party software based channel mixing", reloadable: false),
                M("cdr", "CDR Engine"),
                M("chan_local", "Local Proxy Channel Driver"),
                M("dnsmgr", "DNS Manager"),
                M("format_gsm.so", "Raw GSM data", 4, reloadable: false),
                M("format_wav.so", "Microsoft WAV/WAV16 format (8kHz/16kHz Signed Linear)", reloadable: false),
                M("func_global.so", "Variable dialplan functions", reloadable: false),
                M("http", "Built-in HTTP Server", 1),
                M("logger", "Logger"),
                M("pbx_config.so", "Text Extension Configuration", 1),
                M("res_ari.so", "Asterisk RESTful Interface", 12),
                M("res_ari_applications.so", "RESTful API module - Stasis application resources", reloadable: false),
                M("res_ari_asterisk.so", "RESTful API module - Asterisk resources", reloadable: false),
                M("res_ari_bridges.so", "RESTful API module - Bridge resources", reloadable: false),
                M("res_ari_channels.so", "RESTful API module - Channel resources", reloadable: false),
                M("res_ari_device_states.so", "RESTful API module - Device state resources", reloadable: false),
                M("res_ari_endpoints.so", "RESTful API module - Endpoint resources", reloadable: false),
                M("res_ari_events.so", "RESTful API module - WebSocket resource", reloadable: false),
                M("res_ari_model.so", "ARI Model validators", 12, reloadable: false),
                M("res_ari_playbacks.so", "RESTful API module - Playback control resources", reloadable: false),
                M("res_ari_recordings.so", "RESTful API module - Recording resources", reloadable: false),
                M("res_ari_sounds.so", "RESTful API module - Sound resources", reloadable: false),
                M("res_http_websocket.so", "HTTP WebSocket Support", 3, reloadable: false),
                M("res_musiconhold.so", "Music On Hold Resource", 1),
                M("res_sorcery_config.so", "Sorcery Configuration File Object Wizard", reloadable: false),
                M("res_stasis.so", "Stasis application support", 14, reloadable: false),
                M("res_stasis_answer.so", "Stasis application answer support", reloadable: false),
                M("res_stasis_broadcast.so", "Stasis application broadcast", 1, reloadable: false),
                M("res_stasis_device_state.so", "Stasis application device state support", 1, reloadable: false),
                M("res_stasis_playback.so", "Stasis application playback support", 1, reloadable: false),
                M("res_stasis_recording.so", "Stasis application recording support", 1, reloadable: false),
                M("res_stasis_snoop.so", "Stasis application snoop support", reloadable: false),
            };
        }

        private EmulatedModule? LoadedModule(string name) => _modules.FirstOrDefault(m => m.Loaded && m.Name == name);

        private EmulatorResponse ListModules(EmulatorRequest req)
        {
            lock (_gate)
                return EmulatorResponse.Json(200, _modules.Where(m => m.Loaded).Select(m => m.Snapshot()).ToArray(), Json.AsteriskModuleArray);
        }

        private EmulatorResponse GetModule(EmulatorRequest req)
        {
            var name = req.Path("moduleName");
            lock (_gate)
            {
                if (LoadedModule(name) is EmulatedModule m)
                    return EmulatorResponse.Json(200, m.Snapshot(), Json.AsteriskModule);
                // A loaded module asked for without its ".so" exists but cannot be described (transcript 08).
                if (LoadedModule(name + ".so") != null)
                    return EmulatorResponse.Error(409, "Module information could not be retrieved");
                return EmulatorResponse.Error(404, "Module could not be found in running modules");
            }
        }

        private EmulatorResponse LoadModule(EmulatorRequest req)
        {
            var name = req.Path("moduleName");
            lock (_gate)
            {
                if (LoadedModule(name) != null)
                    return EmulatorResponse.Error(409, "Module is already loaded");
                var m = _modules.FirstOrDefault(x => x.Name == name);
                if (m is null)
                    return EmulatorResponse.Error(409, "Module load declined");
                m.Loaded = true;
                m.Status = "Running";
                return EmulatorResponse.NoContent();
            }
        }

        private EmulatorResponse UnloadModule(EmulatorRequest req)
        {
            var name = req.Path("moduleName");
            lock (_gate)
            {
                var m = LoadedModule(name);
                if (m is null)
                    return EmulatorResponse.Error(404, "Module not found in running modules");
                if (m.UseCount > 0)
                    return EmulatorResponse.Error(409, "Module could not be unloaded");
                m.Loaded = false;
                return EmulatorResponse.NoContent();
            }
        }

        private EmulatorResponse ReloadModule(EmulatorRequest req)
        {
            var name = req.Path("moduleName");
            lock (_gate)
            {
                var m = LoadedModule(name);
                if (m is null)
                    return EmulatorResponse.Error(404, "Module not found in running modules");
                if (!m.Reloadable)
                    return EmulatorResponse.Error(409, "Module does not support reloading");
                return EmulatorResponse.NoContent();
            }
        }

        // ---- /asterisk/logging ----

        private static readonly string[] LogLevels = { "DEBUG", "TRACE", "NOTICE", "WARNING", "ERROR", "VERBOSE", "DTMF", "SECURITY" };

        private LogChannel? FindLogChannel(string name) =>
            _logChannels.FirstOrDefault(c => c.Type == "File" && (c.Channel == name || c.Channel == LogDirectory + "/" + name));

        private EmulatorResponse ListLogChannels(EmulatorRequest req)
        {
            lock (_gate)
                return EmulatorResponse.Json(200, _logChannels.ToArray(), Json.LogChannelArray);
        }

        private EmulatorResponse AddLogChannel(EmulatorRequest req)
        {
            var name = req.Path("logChannelName");
            var configuration = req.Param("configuration");
            lock (_gate)
            {
                if (string.IsNullOrEmpty(configuration))
                    return EmulatorResponse.Error(400, "Configuration levels are required");
                if (FindLogChannel(name) != null)
                    return EmulatorResponse.Error(409, "Log channel already exists");
                // Levels come back upper-case, in Asterisk's order, each followed by a space.
                var asked = configuration!.Split(',').Select(l => l.Trim().ToUpperInvariant()).ToList();
                var levels = string.Concat(LogLevels.Where(asked.Contains).Select(l => l + " "));
                var path = name.StartsWith("/", StringComparison.Ordinal) ? name : LogDirectory + "/" + name;
                _logChannels.Insert(0, new LogChannel { Channel = path, Type = "File", Status = "Enabled", Configuration = levels });
                _ariLogChannels.Add(path);
                return EmulatorResponse.NoContent();
            }
        }

        private EmulatorResponse DeleteLogChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                var c = FindLogChannel(req.Path("logChannelName"));
                if (c is null)
                    return EmulatorResponse.Error(404, "Log channel does not exist");
                _logChannels.Remove(c);
                _ariLogChannels.Remove(c.Channel);
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>Rotating reloads the logger from logger.conf: channels added through ARI are gone afterwards.</summary>
        private EmulatorResponse RotateLogChannel(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (FindLogChannel(req.Path("logChannelName")) is null)
                    return EmulatorResponse.Error(404, "Log channel does not exist");
                _logChannels.RemoveAll(c => _ariLogChannels.Contains(c.Channel));
                _ariLogChannels.Clear();
                return EmulatorResponse.NoContent();
            }
        }

        // ---- /asterisk/variable ----

        private EmulatorResponse GetGlobalVariable(EmulatorRequest req)
        {
            var name = req.Param("variable");
            if (string.IsNullOrEmpty(name))
                return EmulatorResponse.Error(400, "Variable name is required");
            lock (_gate)
            {
                // Never set (and dialplan functions, which the captured server evaluated to ""): an empty value.
                var value = _globals.TryGetValue(name!, out var v) ? v : "";
                return EmulatorResponse.Json(200, new Variable { Value = value }, Json.Variable);
            }
        }

        private EmulatorResponse SetGlobalVariable(EmulatorRequest req)
        {
            var name = req.Param("variable");
            if (string.IsNullOrEmpty(name))
                return EmulatorResponse.Error(400, "Variable name is required");
            lock (_gate)
                _globals[name!] = req.Param("value") ?? "";
            return EmulatorResponse.NoContent();
        }

        // ---- /asterisk/config/dynamic ----

        /// <summary>configClass -> objectType -> id -> attributes (in the order they were set).</summary>
        private readonly Dictionary<string, Dictionary<string, Dictionary<string, List<ConfigTuple>>>> _config =
            new Dictionary<string, Dictionary<string, Dictionary<string, List<ConfigTuple>>>>(StringComparer.Ordinal);

        /// <summary>Opens a sorcery configuration class with the given object types to
        /// /asterisk/config/dynamic (the captured server had none: every class answers 404 until added).</summary>
        public void AddConfigClass(string configClass, params string[] objectTypes)
        {
            if (string.IsNullOrEmpty(configClass)) throw new ArgumentException("configClass must not be empty", nameof(configClass));
            lock (_gate)
            {
                if (!_config.TryGetValue(configClass, out var types))
                    _config[configClass] = types = new Dictionary<string, Dictionary<string, List<ConfigTuple>>>(StringComparer.Ordinal);
                foreach (var t in objectTypes ?? Array.Empty<string>())
                    if (!types.ContainsKey(t)) types[t] = new Dictionary<string, List<ConfigTuple>>(StringComparer.Ordinal);
            }
        }

        private EmulatorResponse? FindConfigType(EmulatorRequest req, out Dictionary<string, List<ConfigTuple>> objects)
        {
            objects = null!;
            var configClass = req.Path("configClass");
            if (!_config.TryGetValue(configClass, out var types))
                return EmulatorResponse.Error(404, $"configClass '{configClass}' not found");
            var objectType = req.Path("objectType");
            if (!types.TryGetValue(objectType, out objects!))
                return EmulatorResponse.Error(404, $"objectType '{objectType}' not found");
            return null;
        }

        private EmulatorResponse ConfigObjectResponse(List<ConfigTuple> tuples) =>
            EmulatorResponse.Json(200, tuples.ToArray(), Json.ConfigTupleArray);

        private EmulatorResponse GetConfigObject(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (FindConfigType(req, out var objects) is EmulatorResponse error) return error;
                var id = req.Path("id");
                return objects.TryGetValue(id, out var tuples)
                    ? ConfigObjectResponse(tuples)
                    : EmulatorResponse.Error(404, $"Object with id '{id}' not found");
            }
        }

        /// <summary>PUT: creates the object or updates the attributes given in {"fields": [{"attribute", "value"}]}.</summary>
        private EmulatorResponse UpdateConfigObject(EmulatorRequest req)
        {
            var fields = new List<ConfigTuple>();
            if (req.Param("fields") is string joined)
            {
                try
                {
                    using var doc = JsonDocument.Parse("[" + joined + "]");
                    foreach (var f in doc.RootElement.EnumerateArray())
                    {
                        if (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("attribute", out var a) || a.ValueKind != JsonValueKind.String
                            || !f.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.String)
                            return EmulatorResponse.Error(400, "Bad request body");
                        fields.Add(new ConfigTuple { Attribute = a.GetString()!, Value = v.GetString()! });
                    }
                }
                catch (JsonException)
                {
                    return EmulatorResponse.Error(400, "Bad request body");
                }
            }
            lock (_gate)
            {
                if (FindConfigType(req, out var objects) is EmulatorResponse error) return error;
                var id = req.Path("id");
                if (!objects.TryGetValue(id, out var tuples))
                    objects[id] = tuples = new List<ConfigTuple>();
                foreach (var f in fields)
                {
                    var known = tuples.FirstOrDefault(t => t.Attribute == f.Attribute);
                    if (known != null) known.Value = f.Value; else tuples.Add(f);
                }
                return ConfigObjectResponse(tuples);
            }
        }

        private EmulatorResponse DeleteConfigObject(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (FindConfigType(req, out var objects) is EmulatorResponse error) return error;
                var id = req.Path("id");
                return objects.Remove(id) ? EmulatorResponse.NoContent() : EmulatorResponse.Error(404, $"Object with id '{id}' not found");
            }
        }

        // ---- /applications ----

        private EmulatorResponse ListApplications(EmulatorRequest req)
        {
            lock (_gate)
            {
                var apps = _apps.Values.ToList();
                return EmulatorResponse.Raw(200, EmulatorJson.Array(w => { foreach (var a in apps) WriteApplication(w, a); }));
            }
        }

        private EmulatorResponse GetApplication(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_apps.TryGetValue(req.Path("applicationName"), out var app))
                    return EmulatorResponse.Error(404, "Application not found");
                return ApplicationResponse(app);
            }
        }

        private static EmulatorResponse ApplicationResponse(EmulatedApp app) =>
            EmulatorResponse.Raw(200, EmulatorJson.Value(w => WriteApplication(w, app)));

        private static void WriteApplication(Utf8JsonWriter w, EmulatedApp app)
        {
            IEnumerable<string> Of(string scheme, string all) =>
                (app.SubscribeAll ? new[] { all } : Array.Empty<string>())
                .Concat(app.Subscriptions.Where(s => s.StartsWith(scheme + ":", StringComparison.Ordinal)).Select(s => s.Substring(scheme.Length + 1)));
            w.WriteStartObject();
            w.WriteString("name", app.Name);
            EmulatorJson.WriteStrings(w, "channel_ids", app.SubscribeAll ? Of("channel", "__AST_CHANNEL_ALL_TOPIC") : app.ChannelIds.Concat(Of("channel", "")).Distinct());
            EmulatorJson.WriteStrings(w, "bridge_ids", Of("bridge", "__AST_BRIDGE_ALL_TOPIC"));
            EmulatorJson.WriteStrings(w, "endpoint_ids", Of("endpoint", "__AST_ENDPOINT_ALL_TOPIC"));
            EmulatorJson.WriteStrings(w, "device_names", Of("deviceState", "__AST_DEVICE_STATE_ALL_TOPIC"));
            WriteFilter(w, "events_allowed", app.EventsAllowed);
            WriteFilter(w, "events_disallowed", app.EventsDisallowed);
            w.WriteEndObject();
        }

        private static void WriteFilter(Utf8JsonWriter w, string name, List<string> types)
        {
            w.WriteStartArray(name);
            foreach (var t in types)
            {
                w.WriteStartObject();
                w.WriteString("type", t);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private static readonly string[] SourceSchemes = { "channel", "bridge", "endpoint", "deviceState" };

        /// <summary>Splits an event source URI; null when the scheme is not one ARI knows.</summary>
        private static (string Scheme, string Name)? ParseSource(string source)
        {
            var colon = source.IndexOf(':');
            if (colon <= 0) return null;
            var scheme = source.Substring(0, colon);
            return SourceSchemes.Contains(scheme) ? (scheme, source.Substring(colon + 1)) : ((string, string)?)null;
        }

        /// <summary>Asks another area's GET route (bridges, endpoints) whether an object exists; its 200 body, or null.</summary>
        private byte[]? Probe(params string[] segments)
        {
            var match = _router.Find("GET", segments.Select(Uri.EscapeDataString).ToArray());
            if (match.Handler is null) return null;
            var response = match.Handler(new EmulatorRequest { Method = "GET", PathParams = match.PathParams });
            return response.Status == 200 ? response.Body : null;
        }

        private bool SourceExists(string scheme, string name)
        {
            switch (scheme)
            {
                case "channel": return _channels.ContainsKey(name);
                case "bridge": return Probe("bridges", name) != null;
                case "endpoint":
                    var slash = name.IndexOf('/');
                    if (slash < 0)
                    {
                        // A whole technology: it must have endpoints.
                        var list = Probe("endpoints", name);
                        return list != null && list.Length > 2;
                    }
                    return Probe("endpoints", name.Substring(0, slash), name.Substring(slash + 1)) != null;
                default: return true; // any device name can be subscribed to
            }
        }

        private static string[] Sources(EmulatorRequest req) =>
            (req.Param("eventSource") ?? "").Split(',').Where(s => s.Length > 0).ToArray();

        private EmulatorResponse Subscribe(EmulatorRequest req)
        {
            var sources = Sources(req);
            if (sources.Length == 0)
                return EmulatorResponse.Error(400, "Missing parameter eventSource");
            lock (_gate)
            {
                if (!_apps.TryGetValue(req.Path("applicationName"), out var app))
                    return EmulatorResponse.Error(404, "Application not found");
                var parsed = new List<(string Scheme, string Name)>();
                foreach (var s in sources)
                {
                    if (!(ParseSource(s) is (string, string) p))
                        return EmulatorResponse.Error(400, "Invalid event source URI scheme");
                    parsed.Add(p);
                }
                foreach (var p in parsed)
                    if (!SourceExists(p.Scheme, p.Name))
                        return EmulatorResponse.Error(422, "Event source does not exist");
                foreach (var p in parsed)
                {
                    var key = p.Scheme + ":" + p.Name;
                    if (!app.Subscriptions.Contains(key)) app.Subscriptions.Add(key);
                }
                return ApplicationResponse(app);
            }
        }

        /// <summary>Sources are dropped in order; the first one not subscribed stops with 422, the earlier ones
        /// stay dropped (transcript 08).</summary>
        private EmulatorResponse Unsubscribe(EmulatorRequest req)
        {
            var sources = Sources(req);
            if (sources.Length == 0)
                return EmulatorResponse.Error(400, "Missing parameter eventSource");
            lock (_gate)
            {
                if (!_apps.TryGetValue(req.Path("applicationName"), out var app))
                    return EmulatorResponse.Error(404, "Application not found");
                foreach (var s in sources)
                    if (ParseSource(s) is null)
                        return EmulatorResponse.Error(400, "Invalid event source URI scheme");
                foreach (var s in sources)
                    if (!app.Subscriptions.Remove(s))
                        return EmulatorResponse.Error(422, "Event source was not subscribed to");
                return ApplicationResponse(app);
            }
        }

        /// <summary>PUT eventFilter: no body or {} clears both lists; a key present replaces its list, an absent
        /// one keeps it; entries must be {"type": "..."} objects in a list.</summary>
        private EmulatorResponse SetEventFilter(EmulatorRequest req)
        {
            lock (_gate)
            {
                if (!_apps.TryGetValue(req.Path("applicationName"), out var app))
                    return EmulatorResponse.Error(404, "Application not found");
                var allowedText = req.Param("allowed");
                var disallowedText = req.Param("disallowed");
                List<string>? allowed = null, disallowed = null;
                if (allowedText != null && (allowed = ParseFilter(allowedText)) is null)
                    return EmulatorResponse.Error(400, "Invalid format definition");
                if (disallowedText != null && (disallowed = ParseFilter(disallowedText)) is null)
                    return EmulatorResponse.Error(400, "Invalid format definition");
                if (allowed is null && disallowed is null)
                {
                    app.EventsAllowed.Clear();
                    app.EventsDisallowed.Clear();
                }
                if (allowed != null) { app.EventsAllowed.Clear(); app.EventsAllowed.AddRange(allowed); }
                if (disallowed != null) { app.EventsDisallowed.Clear(); app.EventsDisallowed.AddRange(disallowed); }
                return ApplicationResponse(app);
            }
        }

        /// <summary>The body reader joined the list's items with commas; put the brackets back.</summary>
        private static List<string>? ParseFilter(string joined)
        {
            try
            {
                using var doc = JsonDocument.Parse("[" + joined + "]");
                var types = new List<string>();
                foreach (var item in doc.RootElement.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
                        return null;
                    types.Add(t.GetString()!);
                }
                return types;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>The apps subscribed to an event source (or to everything, by subscribeAll): for the areas that
        /// publish events of objects no app owns (DeviceStateChanged, BridgeCreated ...). Call under _gate.</summary>
        internal IEnumerable<string> SubscribersOf(string scheme, string name) =>
            _apps.Values.Where(a => a.SubscribeAll || a.Subscriptions.Contains(scheme + ":" + name)).Select(a => a.Name).ToList();

        /// <summary>Called by Publish: false when the app's event filter drops this type.</summary>
        private bool PassesFilter(string app, string type) => !_apps.TryGetValue(app, out var a) || a.Allows(type);

        // ---- /events/user, /events/claim ----

        /// <summary>POST /events/user/{name}: ChannelUserevent to the app, with the variables (JSON types kept)
        /// plus eventname in userevent, and the channel/bridge/endpoint sources as objects.</summary>
        private EmulatorResponse SendUserEvent(EmulatorRequest req)
        {
            var eventName = req.Path("eventName");
            var appName = req.Param("application");
            if (string.IsNullOrEmpty(appName))
                return EmulatorResponse.Error(400, "Missing parameter application");
            lock (_gate)
            {
                if (!_apps.ContainsKey(appName!))
                    return EmulatorResponse.Error(404, "Application not found");
                var e = new ChannelUsereventEvent { EventName = eventName };
                foreach (var source in (req.Param("source") ?? "").Split(',').Where(s => s.Length > 0))
                {
                    var p = ParseSource(source);
                    if (p is null || p.Value.Scheme == "deviceState")
                        return EmulatorResponse.Error(400, "Invalid event source URI scheme");
                    var (scheme, name) = p.Value;
                    if (scheme == "channel")
                    {
                        if (!_channels.TryGetValue(name, out var c))
                            return EmulatorResponse.Error(422, "Event source was not found");
                        e.Channel = c.Snapshot();
                    }
                    else if (scheme == "bridge")
                    {
                        var body = Probe("bridges", name);
                        if (body is null)
                            return EmulatorResponse.Error(422, "Event source was not found");
                        e.Bridge = JsonSerializer.Deserialize(body, Json.Bridge);
                    }
                    else
                    {
                        var slash = name.IndexOf('/');
                        var body = slash < 0 ? null : Probe("endpoints", name.Substring(0, slash), name.Substring(slash + 1));
                        if (body is null)
                            return EmulatorResponse.Error(422, "Event source was not found");
                        e.Endpoint = JsonSerializer.Deserialize(body, Json.Endpoint);
                    }
                }
                var variables = req.Param("variables");
                var userevent = new StringBuilder("{\"userevent\":");
                if (variables != null && variables.TrimStart().StartsWith("{", StringComparison.Ordinal))
                    userevent.Append(variables);
                else
                    userevent.Append("{}");
                userevent.Append('}');
                try
                {
                    e.UserEvent = JsonSerializer.Deserialize(userevent.ToString(), Json.ChannelUsereventEvent)!.UserEvent;
                }
                catch (JsonException)
                {
                    return EmulatorResponse.Error(400, "Error parsing request body");
                }
                e.UserEvent["eventname"] = eventName;
                Publish(appName!, e, Json.ChannelUsereventEvent);
                return EmulatorResponse.NoContent();
            }
        }

        /// <summary>Used by PlaceCallAsync: a StasisBroadcast extension, or null.</summary>
        private StasisExtension? FindBroadcastExtension(string context, string exten) =>
            _broadcastExtensions.TryGetValue(Key(context, exten), out var b)
                ? new StasisExtension { App = "", Args = b.Args, Priority = 2 }
                : null;

        /// <summary>StasisBroadcast(timeout,filter,args,notify) on an answered channel: CallBroadcast to every
        /// connected app whose name matches; unclaimed after the timeout, the dialplan goes on (Wait 120).</summary>
        private void StartBroadcast(EmulatedChannel channel, string context, string exten)
        {
            var b = _broadcastExtensions[Key(context, exten)];
            channel.AppName = "StasisBroadcast";
            channel.AppData = $"{b.TimeoutMs},{b.AppFilter},{string.Join(":", b.Args)},{(b.Notify ? "yes" : "no")}";
            var filter = new Regex(b.AppFilter);
            var apps = _apps.Values.Where(a => a.Socket != null && filter.IsMatch(a.Name)).Select(a => a.Name).ToArray();
            var broadcast = new EmulatedBroadcast { Channel = channel, Apps = apps, Args = b.Args, Notify = b.Notify };
            _broadcasts[channel.Id] = broadcast;
            foreach (var app in apps)
                Publish(app, new CallBroadcastEvent { Channel = channel.Snapshot(), Caller = channel.CallerNumber, Called = exten }, Json.CallBroadcastEvent);
            Schedule(TimeSpan.FromMilliseconds(b.TimeoutMs / TimeScale), () =>
            {
                if (!_broadcasts.TryGetValue(channel.Id, out var pending) || pending != broadcast)
                    return;
                _broadcasts.Remove(channel.Id); // a claimed channel answers later claims 409 until then
                if (pending.Winner != null) return;
                if (channel.HungUp) return;
                channel.Priority = 3;
                channel.AppName = "Wait";
                channel.AppData = "120";
            });
        }

        private EmulatorResponse ClaimChannel(EmulatorRequest req)
        {
            var channelId = req.Param("channelId");
            var appName = req.Param("application");
            if (string.IsNullOrEmpty(channelId))
                return EmulatorResponse.Error(400, "channelId parameter is required");
            if (string.IsNullOrEmpty(appName))
                return EmulatorResponse.Error(400, "application parameter is required");
            lock (_gate)
            {
                if (!_broadcasts.TryGetValue(channelId!, out var b) || b.Channel.HungUp)
                    return EmulatorResponse.Error(404, "Channel not found or not in broadcast state");
                if (b.Winner != null)
                    return EmulatorResponse.Error(409, "Channel has already been claimed by another application");
                b.Winner = appName;
                var channel = b.Channel;
                foreach (var app in b.Notify ? b.Apps : new[] { appName! })
                    Publish(app, new CallClaimedEvent { Channel = channel.Snapshot(), WinnerApp = appName! }, Json.CallClaimedEvent);
                // The winner gets the channel in Stasis with the broadcast's arguments, just after the 204.
                Schedule(TimeSpan.Zero, () =>
                {
                    if (channel.HungUp || !_apps.TryGetValue(appName!, out var winner)) return;
                    channel.StasisApp = winner.Name;
                    winner.ChannelIds.Add(channel.Id);
                    Publish(winner.Name, new StasisStartEvent { Args = b.Args, Channel = channel.Snapshot() }, Json.StasisStartEvent);
                });
                return EmulatorResponse.NoContent();
            }
        }
    }
}
