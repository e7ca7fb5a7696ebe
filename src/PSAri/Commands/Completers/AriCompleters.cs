using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PSAri.Commands.Completers
{
    /// <summary>The names of this runspace's connections (Connect-Ari -Name); the tooltip shows user and address.</summary>
    public sealed class AriConnectionNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(AriSessionState.Current.All().Select(c => new AriCandidate(c.Name, c.ToString())), wordToComplete);
    }

    /// <summary>Stasis application names (GET /applications).</summary>
    public sealed class AriApplicationCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "name") is string name ? new AriCandidate(name, null) : (AriCandidate?)null,
                "applications"), wordToComplete);
    }

    /// <summary>Loaded module names (GET /asterisk/modules); the tooltip shows the module's status.</summary>
    public sealed class AriModuleCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "name") is string name ? new AriCandidate(name, $"{name} ({AriCompletion.Text(e, "status")})") : (AriCandidate?)null,
                "asterisk", "modules"), wordToComplete);
    }

    /// <summary>Log channel names (GET /asterisk/logging lists file channels by full path; the name used in
    /// /asterisk/logging/{name} is its last part).</summary>
    public sealed class AriLogChannelCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "channel") is string path && path.Length > 0
                    ? new AriCandidate(path.Substring(path.LastIndexOf('/') + 1), $"{path} ({AriCompletion.Text(e, "configuration")?.Trim()})")
                    : (AriCandidate?)null,
                "asterisk", "logging"), wordToComplete);
    }

    /// <summary>Channel ids (GET /channels); the tooltip shows the channel's name and state.</summary>
    public sealed class AriChannelCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "id") is string id
                    ? new AriCandidate(id, $"{AriCompletion.Text(e, "name")} ({AriCompletion.Text(e, "state")})")
                    : (AriCandidate?)null,
                "channels"), wordToComplete);
    }

    /// <summary>Bridge ids (GET /bridges); the tooltip shows the bridge's type and name.</summary>
    public sealed class AriBridgeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "id") is string id
                    ? new AriCandidate(id, $"{AriCompletion.Text(e, "bridge_type")} {AriCompletion.Text(e, "name")}".Trim())
                    : (AriCandidate?)null,
                "bridges"), wordToComplete);
    }

    /// <summary>Stored recording names (GET /recordings/stored).</summary>
    public sealed class AriStoredRecordingCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(StoredRecordings(fakeBoundParameters), wordToComplete);

        internal static AriCandidate[] StoredRecordings(IDictionary fakeBoundParameters) =>
            AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "name") is string name ? new AriCandidate(name, $"{name}.{AriCompletion.Text(e, "format")}") : (AriCandidate?)null,
                "recordings", "stored");
    }

    /// <summary>Device state names (GET /deviceStates).</summary>
    public sealed class AriDeviceStateCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "name") is string name ? new AriCandidate(name, $"{name} ({AriCompletion.Text(e, "state")})") : (AriCandidate?)null,
                "deviceStates"), wordToComplete);
    }

    /// <summary>Mailbox names (GET /mailboxes).</summary>
    public sealed class AriMailboxCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "name") is string name ? new AriCandidate(name, null) : (AriCandidate?)null,
                "mailboxes"), wordToComplete);
    }

    /// <summary>Sound ids (GET /sounds), for Get-AriSound -Id.</summary>
    public sealed class AriSoundCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AriCompletion.Results(Sounds(fakeBoundParameters, ""), wordToComplete);

        internal static AriCandidate[] Sounds(IDictionary fakeBoundParameters, string prefix) =>
            AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "id") is string id ? new AriCandidate(id, AriCompletion.Text(e, "text")) : (AriCandidate?)null,
                "sounds").Select(c => new AriCandidate(prefix + c.Value, c.Tip)).ToArray();
    }

    /// <summary>Endpoints (GET /endpoints): technology/resource for an -Endpoint, the technologies for a
    /// -Technology, and for a -Resource the resources of the -Technology already typed (all when none is).</summary>
    public sealed class AriEndpointCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var endpoints = AriCompletion.List(AriCompletion.ConnectionFor(fakeBoundParameters),
                e => AriCompletion.Text(e, "technology") is string tech && AriCompletion.Text(e, "resource") is string resource
                    ? new AriCandidate(tech + "/" + resource, $"{tech}/{resource} ({AriCompletion.Text(e, "state")})")
                    : (AriCandidate?)null,
                "endpoints");
            if (string.Equals(parameterName, "Technology", StringComparison.OrdinalIgnoreCase))
                return AriCompletion.Results(endpoints.Select(c => new AriCandidate(c.Value.Split('/')[0], null)), wordToComplete);
            if (string.Equals(parameterName, "Resource", StringComparison.OrdinalIgnoreCase))
            {
                var technology = fakeBoundParameters != null && fakeBoundParameters.Contains("Technology") ? fakeBoundParameters["Technology"]?.ToString() : null;
                return AriCompletion.Results(endpoints
                    .Where(c => string.IsNullOrEmpty(technology) || c.Value.StartsWith(technology + "/", StringComparison.OrdinalIgnoreCase))
                    .Select(c => new AriCandidate(c.Value.Substring(c.Value.IndexOf('/') + 1), c.Tip)), wordToComplete);
            }
            return AriCompletion.Results(endpoints, wordToComplete);
        }
    }

    /// <summary>Playback ids. ARI cannot list playbacks, so these are the playbacks this session saw start (and
    /// not finish) on the connection's event streams: while a Receive-AriEvent or a -Wait reads events.</summary>
    public sealed class AriPlaybackCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = AriCompletion.ConnectionFor(fakeBoundParameters);
            var ids = connection?.Events.Recent.Playbacks ?? Array.Empty<string>();
            return AriCompletion.Results(ids.Select(id => new AriCandidate(id, $"playback {id} (seen in events)")), wordToComplete);
        }
    }

    /// <summary>Live recording names. ARI cannot list live recordings, so these are the recordings this session
    /// saw start (and not end) on the connection's event streams.</summary>
    public sealed class AriLiveRecordingCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = AriCompletion.ConnectionFor(fakeBoundParameters);
            var names = connection?.Events.Recent.LiveRecordings ?? Array.Empty<string>();
            return AriCompletion.Results(names.Select(n => new AriCandidate(n, $"live recording {n} (seen in events)")), wordToComplete);
        }
    }

    /// <summary>Media URIs: the schemes Asterisk plays (sound:, recording:, digits:, number:, characters:, tone:),
    /// then after sound: the server's sound ids (GET /sounds) and after recording: its stored recordings.</summary>
    public sealed class AriMediaCompleter : IArgumentCompleter
    {
        internal static readonly string[] Schemes = { "sound:", "recording:", "digits:", "number:", "characters:", "tone:" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").TrimStart('\'', '"');
            if (word.StartsWith("sound:", StringComparison.OrdinalIgnoreCase))
                return AriCompletion.Results(AriSoundCompleter.Sounds(fakeBoundParameters, "sound:"), wordToComplete);
            if (word.StartsWith("recording:", StringComparison.OrdinalIgnoreCase))
                return AriCompletion.Results(AriStoredRecordingCompleter.StoredRecordings(fakeBoundParameters)
                    .Select(c => new AriCandidate("recording:" + c.Value, c.Tip)), wordToComplete);
            // No scheme yet: the schemes (a value with an unknown scheme gets nothing).
            if (word.IndexOf(':') >= 0) return Enumerable.Empty<CompletionResult>();
            return AriCompletion.Results(Schemes.Select(s => new AriCandidate(s, SchemeTip(s))), wordToComplete);
        }

        private static string SchemeTip(string scheme) => scheme switch
        {
            "sound:" => "sound:ID - a sound file of the server (Get-AriSound)",
            "recording:" => "recording:NAME - a stored recording (Get-AriStoredRecording)",
            "digits:" => "digits:1234 - says the digits one by one",
            "number:" => "number:42 - says the number",
            "characters:" => "characters:abc - spells the characters",
            _ => "tone:ring - a tone (ring, busy, ... or a frequency list; no commas in ARI lists)",
        };
    }
}
