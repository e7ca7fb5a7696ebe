using System;

namespace PSAri.Emulator
{
    /// <summary>How to start an <see cref="AriEmulator"/>. Every setting has a default that mimics the
    /// transcripts' Asterisk: user asterisk/asterisk, real-time playbacks.</summary>
    public sealed class AriEmulatorOptions
    {
        /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
        public int Port { get; set; }

        /// <summary>The read-write ARI user.</summary>
        public string UserName { get; set; } = "asterisk";

        /// <summary>Its password. Only compared, never logged nor exposed by the emulator.</summary>
        public string Password { internal get; set; } = "asterisk";

        /// <summary>Playback speed: 1 is real time (sound:hello-world takes 1420 ms), 10 is ten times faster.</summary>
        public double TimeScale { get; set; } = 1.0;

        /// <summary>Time from <see cref="AriEmulator.PlaceCall"/> to StasisStart (the dialplan's Answer();
        /// about 500 ms on the real server).</summary>
        public TimeSpan AnswerDelay { get; set; } = TimeSpan.FromMilliseconds(50);

        /// <summary>A file that each request line is also appended to (as <see cref="AriEmulator.RequestLog"/> keeps
        /// it: no headers, api_key redacted), for a record of a whole test run; null for none.</summary>
        public string? RequestLogPath { get; set; }

        /// <summary>An outbound WebSocket to open, like ari.conf's type = outbound_websocket with a persistent
        /// websocket_client (ws:// only): the emulator connects at start and again after a drop. Null: none.</summary>
        public Uri? OutboundUri { get; set; }

        /// <summary>The user name the outbound WebSocket presents (websocket_client.conf username).</summary>
        public string? OutboundUserName { get; set; }

        /// <summary>Its password (websocket_client.conf password). Only sent, never logged nor exposed.</summary>
        public string? OutboundPassword { internal get; set; }

        /// <summary>The Stasis applications the outbound WebSocket serves (ari.conf apps).</summary>
        public string[] OutboundApps { get; set; } = { "hello-world" };

        /// <summary>The wait between connection attempts (websocket_client.conf reconnect_interval).</summary>
        public TimeSpan OutboundReconnectInterval { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Serve /mailboxes, as an Asterisk built with res_mwi_external does. Off by default, like the
        /// transcripts' Asterisk (a default build): every /mailboxes request then answers 404 "Resource not found".</summary>
        public bool Mailboxes { get; set; }
        /// <summary>The asterisk_id of events and system.entity_id of /asterisk/info.</summary>
        public string EntityId { get; set; } = "02:fc:00:00:00:01";
    }
}
