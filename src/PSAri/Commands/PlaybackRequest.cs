using System;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>What Invoke-AriChannelPlay and Invoke-AriBridgePlay share: the media parameters, the comma check,
    /// the request (play or play/{playbackId}), and -Wait for PlaybackFinished registered before the request.</summary>
    public abstract class AriPlayCmdlet : AriConnectedCmdlet
    {
        /// <summary>Media URIs played one after another (sound:, recording:, number:, digits:, characters:, tone:).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriMediaCompleter))]
        public string[] Media { get; set; } = null!;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Lang { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? OffsetMs { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? SkipMs { get; set; }

        /// <summary>The id to give the playback; one is made up when -Wait needs it before the request.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PlaybackId { get; set; }

        /// <summary>Return only after the playback finished (PlaybackFinished), with its final state.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many seconds (an unsupported media URI never finishes).</summary>
        [Parameter]
        [ValidateRange(0.001, double.MaxValue)]
        public double Timeout { get; set; } = 600;

        protected override void BeginProcessing()
        {
            foreach (var uri in Media)
                if (uri.IndexOf(',') >= 0)
                    ThrowTerminatingError(AriErrors.Record("AriMediaHasComma", ErrorCategory.InvalidArgument, uri,
                        $"The media URI '{uri}' contains a comma. Asterisk splits media lists on commas, so it would play '{uri.Replace(",", "' and '")}'.",
                        "Pass each media URI as its own -Media item; a tone with several parts cannot be sent in one URI."));
        }

        /// <summary>Plays on one target. <paramref name="resource"/> is "channels" or "bridges";
        /// <paramref name="kind"/> ("channel", "bridge") names the target in messages; <paramref name="ended"/>
        /// recognises the event after which the playback can no longer finish (the channel left the app, the
        /// bridge was destroyed); <paramref name="extra"/> adds target-specific parameters.</summary>
        private protected void Play(string resource, string kind, string targetId, Func<AriMessage, bool> ended, string endedMessage,
            Action<AriRequest>? extra = null, string? example = null)
        {
            var media = string.Join(",", Media);
            if (!ShouldProcess(targetId, $"Play {media}")) return;
            var connection = ActiveConnection;
            // With -Wait the playback id must be known before the request, so the wait can be registered first.
            var playbackId = PlaybackId ?? (Wait ? Guid.NewGuid().ToString() : null);
            AriEventWaiter? waiter = null;
            if (Wait)
            {
                if (connection.Events.OpenStreams == 0)
                {
                    WriteError(AriErrors.Record("AriNoEventStream", ErrorCategory.InvalidOperation, targetId,
                        $"-Wait needs an open event stream on {connection} to see PlaybackFinished.",
                        "Receive events for the " + kind + "'s application on this connection, as in: " + example));
                    return;
                }
                waiter = connection.Events.Register(m => (m is PlaybackFinishedEvent f && f.Playback.Id == playbackId) || ended(m));
            }
            using (waiter)
            {
                var request = playbackId is null
                    ? new AriRequest("POST", resource, targetId, "play")
                    : new AriRequest("POST", resource, targetId, "play", playbackId);
                request.With("media", media).With("lang", Lang).With("offsetms", OffsetMs).With("skipms", SkipMs);
                extra?.Invoke(request);
                var playback = Send(request, AriJsonContext.Default.Playback, targetId);
                if (playback is null) return;
                if (waiter is null)
                {
                    WriteObject(playback);
                    return;
                }
                WriteVerbose($"Waiting for playback {playback.Id} to finish.");
                var result = WaitFor(waiter, TimeSpan.FromSeconds(Timeout));
                switch (result)
                {
                    case PlaybackFinishedEvent finished:
                        if (finished.Playback.State == "failed")
                            WriteWarning($"Playback {playback.Id} of {media} on {kind} {targetId} failed (is the media there?).");
                        WriteObject(finished.Playback);
                        break;
                    case null:
                        WriteError(AriErrors.Record("AriPlaybackTimeout", ErrorCategory.OperationTimeout, playback,
                            $"Playback {playback.Id} of {media} on {kind} {targetId} did not finish within {Timeout} s. Asterisk never finishes playbacks of unsupported media URIs (such as 'bogus:foo'), and -Wait only sees events of applications this process receives.",
                            $"Check the media URI, and that Receive-AriEvent is running on this connection for the {kind}'s application."));
                        break;
                    default:
                        WriteError(AriErrors.Record(kind == "channel" ? "AriChannelLeftApp" : "AriBridgeDestroyed", ErrorCategory.InvalidOperation, targetId,
                            string.Format(endedMessage, targetId, playback.Id)));
                        break;
                }
            }
        }
    }
}
