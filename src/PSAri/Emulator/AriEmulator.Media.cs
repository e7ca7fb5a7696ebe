using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PSAri.Model;

namespace PSAri.Emulator
{
    // /sounds, /deviceStates, /mailboxes and /endpoints, as in transcripts 08 and 02 (mailboxes per the spec and
    // res_mwi_external, since the captured server did not load res_ari_mailboxes).
    public sealed partial class AriEmulator
    {
        /// <summary>The sounds the emulator says it has: each in gsm for the three English variants a stock
        /// install lists (transcript 08). Playable lengths are in <see cref="SoundDurations"/>.</summary>
        private static readonly string[] SoundCatalogue = new[]
        {
            "hello-world", "beep", "tt-monkeys", "tt-weasels", "demo-congrats", "conf-now-unmuted", "queue-minutes",
            "vm-goodbye", "vm-intro", "agent-pass",
        }.Concat(Enumerable.Range(0, 10).Select(i => "digits/" + i.ToString(CultureInfo.InvariantCulture))).ToArray();

        private static readonly string[] SoundLanguages = { "en_US_f_Allison", "en_US", "en" };

        private static readonly string[] KnownDeviceStates =
            { "NOT_INUSE", "INUSE", "BUSY", "INVALID", "UNAVAILABLE", "RINGING", "RINGINUSE", "ONHOLD" };

        private readonly SortedDictionary<string, string> _deviceStates = new SortedDictionary<string, string>(StringComparer.Ordinal);
        private readonly bool _mailboxesServed; // AriEmulatorOptions.Mailboxes
        private readonly SortedDictionary<string, (int Old, int New)> _mailboxes = new SortedDictionary<string, (int, int)>(StringComparer.Ordinal);

        partial void AddMediaRoutes(EmulatorRouter r)
        {
            r.Add("GET", "sounds", ListSounds);
            r.Add("GET", "sounds/{soundId}", GetSound);
            r.Add("GET", "deviceStates", ListDeviceStates);
            r.Add("GET", "deviceStates/{deviceName}", GetDeviceState);
            r.Add("PUT", "deviceStates/{deviceName}", UpdateDeviceState);
            r.Add("DELETE", "deviceStates/{deviceName}", DeleteDeviceState);
            if (_mailboxesServed)
            {
                // Without res_mwi_external (a default build) Asterisk has no /mailboxes at all: 404 "Resource not found".
                r.Add("GET", "mailboxes", ListMailboxes);
                r.Add("GET", "mailboxes/{mailboxName}", GetMailbox);
                r.Add("PUT", "mailboxes/{mailboxName}", UpdateMailbox);
                r.Add("DELETE", "mailboxes/{mailboxName}", DeleteMailbox);
            }
            r.Add("GET", "endpoints", req => EmulatorResponse.Raw(200, EmulatorJson.Array(w => { })));
            r.Add("PUT", "endpoints/sendMessage", SendMessage);
            r.Add("POST", "endpoints/refer", Refer);
            r.Add("GET", "endpoints/{tech}", req => EmulatorResponse.Error(404, "No Endpoints found - invalid tech " + req.Path("tech")));
            r.Add("GET", "endpoints/{tech}/{resource}", _ => EndpointNotFound());
            r.Add("PUT", "endpoints/{tech}/{resource}/sendMessage", SendMessage);
            r.Add("POST", "endpoints/{tech}/{resource}/refer", Refer);
        }

        // ---- /sounds ----

        private static Sound SoundOf(string id, Func<FormatLangPair, bool>? keep = null) => new Sound
        {
            Id = id,
            Text = null,
            Formats = SoundLanguages.Select(l => new FormatLangPair { Language = l, Format = "gsm" }).Where(keep ?? (_ => true)).ToArray(),
        };

        /// <summary>lang and format keep only the matching language/format pairs; sounds left with none are
        /// dropped; nothing left at all is a 404.</summary>
        private EmulatorResponse ListSounds(EmulatorRequest req)
        {
            var lang = req.Param("lang");
            var format = req.Param("format");
            bool Keep(FormatLangPair f) => (string.IsNullOrEmpty(lang) || f.Language == lang) && (string.IsNullOrEmpty(format) || f.Format == format);
            var sounds = SoundCatalogue.Select(id => SoundOf(id, Keep)).Where(s => s.Formats.Length > 0).ToArray();
            return sounds.Length == 0
                ? EmulatorResponse.Error(404, "No sounds found that matched the query")
                : EmulatorResponse.Json(200, sounds, Json.SoundArray);
        }

        private EmulatorResponse GetSound(EmulatorRequest req)
        {
            var id = req.Path("soundId");
            return SoundCatalogue.Contains(id, StringComparer.Ordinal)
                ? EmulatorResponse.Json(200, SoundOf(id), Json.Sound)
                : EmulatorResponse.Error(404, "Sound not found");
        }

        // ---- /deviceStates ----

        private EmulatorResponse ListDeviceStates(EmulatorRequest req)
        {
            lock (_gate)
                return EmulatorResponse.Json(200, _deviceStates.Select(d => new DeviceState { Name = d.Key, State = d.Value }).ToArray(), Json.DeviceStateArray);
        }

        /// <summary>A device never set (or deleted) reads UNKNOWN.</summary>
        private EmulatorResponse GetDeviceState(EmulatorRequest req)
        {
            var name = req.Path("deviceName");
            lock (_gate)
                return EmulatorResponse.Json(200, new DeviceState { Name = name, State = _deviceStates.TryGetValue(name, out var s) ? s : "UNKNOWN" }, Json.DeviceState);
        }

        private const string StasisDevicePrefix = "Stasis:";

        /// <summary>Only Stasis:NAME devices are ARI's (409 otherwise); an unknown or missing state is Asterisk's
        /// 500 "Unknown device"; states are stored upper-case. Subscribed apps get DeviceStateChanged.</summary>
        private EmulatorResponse UpdateDeviceState(EmulatorRequest req)
        {
            var name = req.Path("deviceName");
            if (!name.StartsWith(StasisDevicePrefix, StringComparison.OrdinalIgnoreCase))
                return EmulatorResponse.Error(409, "Uncontrolled device specified");
            if (name.Length == StasisDevicePrefix.Length)
                return EmulatorResponse.Error(404, "Device name is missing");
            var state = (req.Param("deviceState") ?? "").ToUpperInvariant();
            if (!KnownDeviceStates.Contains(state))
                return EmulatorResponse.Error(500, "Unknown device");
            lock (_gate)
            {
                _deviceStates[name] = state;
                foreach (var app in SubscribersOf("deviceState", name))
                    Publish(app, new DeviceStateChangedEvent { DeviceState = new DeviceState { Name = name, State = state } }, Json.DeviceStateChangedEvent);
            }
            return EmulatorResponse.NoContent();
        }

        /// <summary>DELETE sends no event; the state reads UNKNOWN afterwards; deleting one never set is fine.</summary>
        private EmulatorResponse DeleteDeviceState(EmulatorRequest req)
        {
            var name = req.Path("deviceName");
            if (!name.StartsWith(StasisDevicePrefix, StringComparison.OrdinalIgnoreCase))
                return EmulatorResponse.Error(409, "Uncontrolled device specified");
            if (name.Length == StasisDevicePrefix.Length)
                return EmulatorResponse.Error(404, "Device name is missing");
            lock (_gate)
                _deviceStates.Remove(name);
            return EmulatorResponse.NoContent();
        }

        // ---- /mailboxes (res_mwi_external) ----

        private static Mailbox MailboxOf(string name, (int Old, int New) counts) =>
            new Mailbox { Name = name, OldMessages = counts.Old, NewMessages = counts.New };

        private EmulatorResponse ListMailboxes(EmulatorRequest req)
        {
            lock (_gate)
                return EmulatorResponse.Json(200, _mailboxes.Select(m => MailboxOf(m.Key, m.Value)).ToArray(), Json.MailboxArray);
        }

        private EmulatorResponse GetMailbox(EmulatorRequest req)
        {
            var name = req.Path("mailboxName");
            lock (_gate)
                return _mailboxes.TryGetValue(name, out var counts)
                    ? EmulatorResponse.Json(200, MailboxOf(name, counts), Json.Mailbox)
                    : EmulatorResponse.Error(404, "Mailbox is does not exist");
        }

        /// <summary>PUT creates the mailbox or replaces its counts (res_mwi_external); like the other integer
        /// parameters of Asterisk, a missing or unreadable count is 0.</summary>
        private EmulatorResponse UpdateMailbox(EmulatorRequest req)
        {
            static int Count(string? text) =>
                int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;
            lock (_gate)
                _mailboxes[req.Path("mailboxName")] = (Count(req.Param("oldMessages")), Count(req.Param("newMessages")));
            return EmulatorResponse.NoContent();
        }

        private EmulatorResponse DeleteMailbox(EmulatorRequest req)
        {
            lock (_gate)
                return _mailboxes.Remove(req.Path("mailboxName"))
                    ? EmulatorResponse.NoContent()
                    : EmulatorResponse.Error(404, "Mailbox does not exist");
        }

        // ---- /endpoints ----

        private static EmulatorResponse EndpointNotFound() => EmulatorResponse.Error(404, "Endpoint not found");

        /// <summary>The emulator has no SIP endpoints (like the captured server): every message has nowhere to go.</summary>
        private EmulatorResponse SendMessage(EmulatorRequest req)
        {
            if (!req.PathParams.ContainsKey("tech") && string.IsNullOrEmpty(req.Param("to")))
                return EmulatorResponse.Error(400, "To must be specified");
            if (string.IsNullOrEmpty(req.Param("from")))
                return EmulatorResponse.Error(400, "From must be specified");
            return EndpointNotFound();
        }

        private EmulatorResponse Refer(EmulatorRequest req)
        {
            if (!req.PathParams.ContainsKey("tech") && string.IsNullOrEmpty(req.Param("to")))
                return EmulatorResponse.Error(400, "To must be specified");
            if (string.IsNullOrEmpty(req.Param("from")))
                return EmulatorResponse.Error(400, "From must be specified");
            if (string.IsNullOrEmpty(req.Param("refer_to")))
                return EmulatorResponse.Error(400, "Refer_to must be specified");
            return EndpointNotFound();
        }
    }
}
