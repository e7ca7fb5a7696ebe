using System;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriChannelPlay: plays media to a channel (POST /channels/{id}/play[/{playbackId}]) and
    /// returns the Playback; with -Wait, returns it once finished.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriChannelPlay", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Playback))]
    public sealed class InvokeAriChannelPlayCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = "";

        /// <summary>Media URIs played one after another (sound:, recording:, number:, digits:, characters:, tone:).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
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

        protected override void ProcessRecord()
        {
            var media = string.Join(",", Media);
            if (!ShouldProcess(ChannelId, $"Play {media}")) return;
            var connection = ActiveConnection;
            // With -Wait the playback id must be known before the request, so the wait can be registered first.
            var playbackId = PlaybackId ?? (Wait ? Guid.NewGuid().ToString() : null);
            var channelId = ChannelId;
            AriEventWaiter? waiter = null;
            if (Wait)
            {
                if (connection.Events.OpenStreams == 0)
                {
                    WriteError(AriErrors.Record("AriNoEventStream", ErrorCategory.InvalidOperation, channelId,
                        $"-Wait needs an open event stream on {connection} to see PlaybackFinished.",
                        "Receive events for the channel's application on this connection, as in: Receive-AriEvent -App hello-world | Where Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world -Wait"));
                    return;
                }
                waiter = connection.Events.Register(m =>
                    (m is PlaybackFinishedEvent f && f.Playback.Id == playbackId) || (m is StasisEndEvent s && s.ChannelId == channelId));
            }
            using (waiter)
            {
                var request = playbackId is null
                    ? new AriRequest("POST", "channels", channelId, "play")
                    : new AriRequest("POST", "channels", channelId, "play", playbackId);
                request.With("media", media).With("lang", Lang).With("offsetms", OffsetMs).With("skipms", SkipMs);
                var playback = Send(request, AriJsonContext.Default.Playback, channelId);
                if (playback is null) return;
                if (waiter is null)
                {
                    WriteObject(playback);
                    return;
                }
                WriteVerbose($"Waiting for playback {playback.Id} to finish.");
                switch (WaitFor(waiter, TimeSpan.FromSeconds(Timeout)))
                {
                    case PlaybackFinishedEvent finished:
                        if (finished.Playback.State == "failed")
                            WriteWarning($"Playback {playback.Id} of {media} on channel {channelId} failed (is the media there?).");
                        WriteObject(finished.Playback);
                        break;
                    case StasisEndEvent _:
                        WriteError(AriErrors.Record("AriChannelLeftApp", ErrorCategory.InvalidOperation, channelId,
                            $"Channel {channelId} left the application before playback {playback.Id} finished."));
                        break;
                    default:
                        WriteError(AriErrors.Record("AriPlaybackTimeout", ErrorCategory.OperationTimeout, playback,
                            $"Playback {playback.Id} of {media} on channel {channelId} did not finish within {Timeout} s. Asterisk never finishes playbacks of unsupported media URIs (such as 'bogus:foo'), and -Wait only sees events of applications this process receives.",
                            "Check the media URI, and that Receive-AriEvent is running on this connection for the channel's application."));
                        break;
                }
            }
        }
    }
}
