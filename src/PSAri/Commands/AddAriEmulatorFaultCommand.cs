using System.Management.Automation;
using PSAri.Emulator;

namespace PSAri.Commands
{
    /// <summary>Add-AriEmulatorFault: makes the emulator fail on purpose (an error status, a slow answer, a
    /// connection cut mid-body, a stalled or dropped event socket) for the next matching requests or sockets.</summary>
    [Cmdlet(VerbsCommon.Add, "AriEmulatorFault", DefaultParameterSetName = StatusSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AriEmulatorFault))]
    public sealed class AddAriEmulatorFaultCommand : AriEmulatorCmdlet
    {
        private const string StatusSet = "Status";
        private const string DelaySet = "Delay";
        private const string CloseSet = "CloseMidBody";
        private const string StallSet = "StallEvents";
        private const string DropSet = "DropEvents";

        /// <summary>Answer with this HTTP status instead of the real answer.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StatusSet)]
        [ValidateRange(200, 599)]
        public int StatusCode { get; set; }

        /// <summary>The body of the status answer: ARI's error JSON, none, or an HTML page.</summary>
        [Parameter(ParameterSetName = StatusSet)]
        public AriEmulatorFaultBody Body { get; set; } = AriEmulatorFaultBody.Json;

        /// <summary>The message of the JSON body (or the text of the HTML page).</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [ValidateNotNull]
        public string Message { get; set; } = "Injected fault";

        /// <summary>Wait this many seconds before answering normally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DelaySet)]
        [ValidateRange(0, 3600)]
        public double DelaySec { get; set; }

        /// <summary>Send the head and half the body, then close the connection.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CloseSet)]
        public SwitchParameter CloseMidBody { get; set; }

        /// <summary>Stall event sockets: open, but sending nothing and answering no ping, until Clear-AriEmulatorFault.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StallSet)]
        public SwitchParameter StallEvents { get; set; }

        /// <summary>Drop event sockets without a close frame.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DropSet)]
        public SwitchParameter DropEvents { get; set; }

        /// <summary>The HTTP methods hit (wildcards allowed).</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [Parameter(ParameterSetName = DelaySet)]
        [Parameter(ParameterSetName = CloseSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string Method { get; set; } = "*";

        /// <summary>The paths under /ari/ hit, such as channels/* (wildcards allowed, no query string).</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [Parameter(ParameterSetName = DelaySet)]
        [Parameter(ParameterSetName = CloseSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "*";

        /// <summary>The Stasis applications whose event sockets are hit (wildcards allowed).</summary>
        [Parameter(ParameterSetName = StallSet)]
        [Parameter(ParameterSetName = DropSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string App { get; set; } = "*";

        /// <summary>How many requests or sockets the fault hits; 0 means all until Clear-AriEmulatorFault.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Count { get; set; } = 1;

        protected override void EndProcessing()
        {
            var emulator = ResolveEmulator();
            var fault = new AriEmulatorFault { Method = Method, Path = Path, App = App, Count = Count, StatusCode = StatusCode, Body = Body, Message = Message, DelaySec = DelaySec };
            fault.Kind = ParameterSetName switch
            {
                DelaySet => AriEmulatorFaultKind.Delay,
                CloseSet => AriEmulatorFaultKind.CloseMidBody,
                StallSet => AriEmulatorFaultKind.StallEvents,
                DropSet => AriEmulatorFaultKind.DropEvents,
                _ => AriEmulatorFaultKind.Status,
            };
            if (ShouldProcess(emulator.BaseUri.ToString(), $"Add fault: {fault}"))
                WriteObject(emulator.AddFault(fault));
        }
    }
}
