using System;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>What Start-AriChannelRecording and Start-AriBridgeRecording share: the query and the -Wait logic.</summary>
    internal static class RecordingRequests
    {
        public static void AddOptions(AriRequest request, string name, string format, int? maxDuration, int? maxSilence,
            string? ifExists, bool? beep, string? terminateOn) =>
            request.With("name", name).With("format", format).With("maxDurationSeconds", maxDuration)
                .With("maxSilenceSeconds", maxSilence).With("ifExists", ifExists).With("beep", beep).With("terminateOn", terminateOn);
    }

    /// <summary>Base of the two record cmdlets: sends the record request, optionally waits for the end.</summary>
    public abstract class AriRecordCmdlet : AriConnectedCmdlet
    {
        /// <summary>The recording's name; a '/' puts it in a subdirectory of the recordings folder.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The file format (wav, gsm, ulaw, ...).</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public string Format { get; set; } = "";

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxDurationSeconds { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxSilenceSeconds { get; set; }

        [Parameter]
        [ValidateSet("fail", "overwrite", "append")]
        public string? IfExists { get; set; }

        [Parameter]
        public SwitchParameter Beep { get; set; }

        [Parameter]
        [ValidateSet("none", "any", "*", "#")]
        public string? TerminateOn { get; set; }

        /// <summary>Return only after the recording finished (RecordingFinished or RecordingFailed).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, double.MaxValue)]
        public double Timeout { get; set; } = 3600;

        /// <summary>Adds the recording options to <paramref name="request"/>, sends it and, with -Wait, waits for the end.</summary>
        /// <param name="channelId">The channel whose StasisEnd also ends the wait; null for a bridge.</param>
        private protected void StartRecording(AriRequest request, string target, string? channelId)
        {
            RecordingRequests.AddOptions(request, Name, Format, MaxDurationSeconds, MaxSilenceSeconds, IfExists,
                MyInvocation.BoundParameters.ContainsKey(nameof(Beep)) ? Beep.IsPresent : (bool?)null, TerminateOn);
            var name = Name;
            var wait = Wait.IsPresent;
            var timeout = Timeout;
            var connection = ActiveConnection;
            AriEventWaiter? waiter = null;
            if (wait)
            {
                if (connection.Events.OpenStreams == 0)
                {
                    WriteError(AriErrors.Record("AriNoEventStream", ErrorCategory.InvalidOperation, target,
                        $"-Wait needs an open event stream on {connection} to see RecordingFinished.",
                        "Receive events for the application on this connection (Receive-AriEvent) while recording."));
                    return;
                }
                // Registered before the request: RecordingFinished can arrive before the 201.
                waiter = connection.Events.Register(m =>
                    (m is RecordingFinishedEvent f && f.Recording.Name == name) ||
                    (m is RecordingFailedEvent x && x.Recording.Name == name) ||
                    (channelId != null && m is StasisEndEvent s && s.ChannelId == channelId));
            }
            using (waiter)
            {
                var recording = Send(request, AriJsonContext.Default.LiveRecording, target);
                if (recording is null) return;
                if (waiter is null)
                {
                    WriteObject(recording);
                    return;
                }
                WriteVerbose($"Waiting for recording {name} to finish.");
                switch (WaitFor(waiter, TimeSpan.FromSeconds(timeout)))
                {
                    case RecordingFinishedEvent finished:
                        WriteObject(finished.Recording);
                        break;
                    case RecordingFailedEvent failed:
                        WriteError(AriErrors.Record("AriRecordingFailed", ErrorCategory.InvalidResult, failed.Recording,
                            $"Recording {name} failed{(string.IsNullOrEmpty(failed.Recording.Cause) ? "" : ": " + failed.Recording.Cause)}."));
                        break;
                    case StasisEndEvent _:
                        WriteError(AriErrors.Record("AriChannelLeftApp", ErrorCategory.InvalidOperation, target,
                            $"Channel {target} left the application before recording {name} finished."));
                        break;
                    default:
                        WriteError(AriErrors.Record("AriRecordingTimeout", ErrorCategory.OperationTimeout, recording,
                            $"Recording {name} on {target} did not finish within {timeout} s. Without -MaxDurationSeconds a recording runs until it is stopped, and -Wait only sees events of applications this process receives.",
                            "Give -MaxDurationSeconds or a longer -Timeout, or stop it with Stop-AriLiveRecording."));
                        break;
                }
            }
        }
    }
}
