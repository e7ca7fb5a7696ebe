using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Wait-AriEvent: waits for the next event(s) on the connection's event hub that match a type, the object
    /// they concern and/or a scriptblock, and writes them. It listens to what Receive-AriEvent (in any runspace)
    /// reads on the connection; it opens no socket of its own.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "AriEvent")]
    [OutputType(typeof(AriMessage))]
    public sealed class WaitAriEventCommand : AriConnectedCmdlet
    {
        /// <summary>Event types to wait for (wildcards allowed, case-insensitive).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Type { get; set; }

        /// <summary>Only events that concern this channel (its own events, dials, playbacks and recordings on it).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string? ChannelId { get; set; }

        /// <summary>Only events that concern this bridge.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string? BridgeId { get; set; }

        /// <summary>Only events of this playback.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriPlaybackCompleter))]
        public string? PlaybackId { get; set; }

        /// <summary>Only events of this live recording.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriLiveRecordingCompleter))]
        public string? RecordingName { get; set; }

        /// <summary>A Channel, Bridge, Playback or LiveRecording from the pipeline: wait for events that concern it.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>A scriptblock run for each candidate event ($_ is the event); the event matches when it returns true.</summary>
        [Parameter]
        public ScriptBlock? Filter { get; set; }

        /// <summary>Give up after this many seconds (default: wait forever) with an AriWaitTimeout error.</summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double? Timeout { get; set; }

        /// <summary>Return after this many matching events (default 1).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 1;

        private AriEventTypeFilter? _types;

        // With several connections, wait on all of them at once: a waiter registered only after the previous
        // connection's wait ended would miss what that connection sent meanwhile.
        private protected override bool ReadsOnly => true;

        protected override void BeginProcessing()
        {
            if (Type != null) _types = new AriEventTypeFilter(Type);
        }

        protected override void ProcessConnectionRecord()
        {
            string? channelId = ChannelId, bridgeId = BridgeId, playbackId = PlaybackId, recordingName = RecordingName;
            switch (InputObject?.BaseObject)
            {
                case Channel c when channelId is null: channelId = c.Id; break;
                case Bridge b when bridgeId is null: bridgeId = b.Id; break;
                case Playback p when playbackId is null: playbackId = p.Id; break;
                case LiveRecording r when recordingName is null: recordingName = r.Name; break;
            }
            if (InputObject != null && channelId is null && bridgeId is null && playbackId is null && recordingName is null)
            {
                // Waiting for any event because of an object that named nothing would be a surprise: say so instead.
                WriteError(AriErrors.Record("AriWaitUnknownInput", ErrorCategory.InvalidArgument, InputObject,
                    $"Wait-AriEvent cannot tell which object a piped {InputObject.BaseObject?.GetType().Name} is: pipe a Channel, Bridge, Playback, LiveRecording or an event with ChannelId, BridgeId, PlaybackId or RecordingName.",
                    "Give -ChannelId, -BridgeId, -PlaybackId or -RecordingName."));
                return;
            }
            var target = (object?)channelId ?? bridgeId ?? playbackId ?? recordingName ?? (object?)(Type is null ? null : string.Join(",", Type));

            var connection = ActiveConnection;
            if (connection.Events.OpenStreams == 0)
            {
                WriteError(AriErrors.Record("AriNoEventStream", ErrorCategory.InvalidOperation, target,
                    $"Wait-AriEvent needs an open event stream on {connection}: it waits for events that Receive-AriEvent reads on this connection.",
                    "Run Receive-AriEvent -App NAME on this connection (for example in another runspace: Start-ThreadJob { Receive-AriEvent -App NAME -Connection $using:connection }) and wait there."));
                return;
            }

            var types = _types;
            // Runs on the socket's reader thread: cheap checks only; the scriptblock runs below, on the pipeline thread.
            Func<AriMessage, bool> wanted = m =>
                (types is null || types.Matches(m.Type)) &&
                (channelId is null || AriWaits.ConcernsChannel(m, channelId)) &&
                (bridgeId is null || AriWaits.ConcernsBridge(m, bridgeId)) &&
                (playbackId is null || AriWaits.ConcernsPlayback(m, playbackId)) &&
                (recordingName is null || AriWaits.ConcernsRecording(m, recordingName));

            using var candidates = new BlockingCollection<AriMessage>(new ConcurrentQueue<AriMessage>());
            // The predicate queues candidates and never completes the waiter, so it stays registered until disposed;
            // the waiter itself only tells when the connection closes.
            using var waiter = connection.Events.Register(m =>
            {
                if (wanted(m))
                {
                    try { candidates.Add(m); }
                    catch (ObjectDisposedException) { }
                    catch (InvalidOperationException) { }
                }
                return false;
            });

            var limit = AriWaits.ToTimeSpan(Timeout);
            var clock = Stopwatch.StartNew();
            var found = 0;
            WriteVerbose($"Waiting for {Count} event(s) on {connection}.");
            while (found < Count)
            {
                var slice = TimeSpan.FromMilliseconds(250);
                if (limit != System.Threading.Timeout.InfiniteTimeSpan)
                {
                    var left = limit - clock.Elapsed;
                    if (left <= TimeSpan.Zero)
                    {
                        WriteError(AriErrors.Record("AriWaitTimeout", ErrorCategory.OperationTimeout, target,
                            $"No{(found > 0 ? " further" : "")} matching event came within {Timeout} s ({found} of {Count} seen).",
                            "Check the filters, and that Receive-AriEvent runs on this connection for the application whose events you wait for."));
                        return;
                    }
                    if (left < slice) slice = left;
                }
                AriMessage? message;
                try
                {
                    if (!candidates.TryTake(out message, (int)Math.Ceiling(slice.TotalMilliseconds), Cancel))
                    {
                        WaitFor(waiter, TimeSpan.Zero); // throws (terminating) once the connection closed
                        continue;
                    }
                }
                catch (OperationCanceledException) when (Cancel.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
                if (Filter != null && !OnPipelineThread(() => Accepts(message!))) continue;
                found++;
                WriteObject(message);
            }
        }

        /// <summary>Runs -Filter with $_ set to the event; a throwing filter becomes an error record and the event does not match.</summary>
        private bool Accepts(AriMessage message)
        {
            try
            {
                var results = Filter!.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", message) });
                return results.Count > 0 && LanguagePrimitives.IsTrue(results.Count == 1 ? results[0] : results);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                var inner = e is RuntimeException r && r.ErrorRecord?.Exception != null ? r.ErrorRecord.Exception : e;
                WriteError(new ErrorRecord(new InvalidOperationException($"The -Filter scriptblock failed on a {message.Type} event: {inner.Message}", e),
                    "AriWaitFilterFailed", ErrorCategory.InvalidOperation, message));
                return false;
            }
        }
    }
}
