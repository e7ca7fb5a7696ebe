using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace PSAri.Commands
{
    /// <summary>Send-AriEmulatorDtmf: the simulated phone presses keys; the channel in Stasis gets one
    /// ChannelDtmfReceived per digit.</summary>
    [Cmdlet(VerbsCommunications.Send, "AriEmulatorDtmf", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class SendAriEmulatorDtmfCommand : AriEmulatorCmdlet
    {
        /// <summary>Either half of the simulated call.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = "";

        /// <summary>The keys pressed, in order (0-9, *, #, A-D).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidatePattern("^[0-9A-Da-d*#]+$")]
        public string Digits { get; set; } = "";

        protected override void ProcessRecord()
        {
            var emulator = ResolveEmulator();
            if (!ShouldProcess(ChannelId, $"Press '{Digits}' on the simulated phone"))
                return;
            if (!emulator.SendFarEndDtmf(ChannelId, Digits))
                WriteError(new ErrorRecord(new ItemNotFoundException($"The emulator has no call in Stasis with channel '{ChannelId}'."),
                    "AriEmulatorChannelNotFound", ErrorCategory.ObjectNotFound, ChannelId));
        }
    }

    /// <summary>Wait-AriEmulatorRequest: waits until the emulator has received requests whose request line
    /// matches a wildcard pattern, and returns those lines; what a test asserts a script under test did.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "AriEmulatorRequest")]
    [OutputType(typeof(string))]
    public sealed class WaitAriEmulatorRequestCommand : AriEmulatorCmdlet
    {
        /// <summary>Wildcard pattern for the request line, e.g. "POST /ari/channels/*/answer *"; it may match the line
        /// as received or percent-decoded.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Like { get; set; } = "";

        /// <summary>How many matching requests to wait for.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 1;

        /// <summary>Seconds to wait before giving up with an OperationTimeout error.</summary>
        [Parameter]
        [ValidateRange(0.0, 86400.0)]
        public double Timeout { get; set; } = 10;

        protected override void EndProcessing()
        {
            var emulator = ResolveEmulator();
            var pattern = new WildcardPattern(Like, WildcardOptions.IgnoreCase);
            var deadline = DateTime.UtcNow.AddSeconds(Timeout);
            List<string> found;
            // Matched as received and percent-decoded, so "media=sound:x" finds "media=sound%3Ax".
            bool Matches(string line) => pattern.IsMatch(line) || pattern.IsMatch(Uri.UnescapeDataString(line));
            // The log is a snapshot each time: poll it (requests arrive on the emulator's own threads).
            while ((found = emulator.RequestLog.Where(Matches).ToList()).Count < Count)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    WriteError(new ErrorRecord(new TimeoutException(
                            $"The emulator received {found.Count} of {Count} request(s) like '{Like}' within {Timeout} s."),
                        "AriEmulatorRequestTimeout", ErrorCategory.OperationTimeout, Like));
                    return;
                }
                if (Cancel.WaitHandle.WaitOne(20))
                    return;
            }
            foreach (var line in found)
                WriteObject(line);
        }
    }
}
