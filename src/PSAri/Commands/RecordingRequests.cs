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
        /// <param name="channelId">The channel whose StasisEnd also ends the wait; null for a bridge.</param>
        private protected void StartRecording(AriRequest request, string name, string target, string? channelId, bool wait, double timeout)
        {
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
