using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Set-AriDeviceState: sets the state of a device ARI controls, Stasis:NAME (PUT /deviceStates/{deviceName}).</summary>
    [Cmdlet(VerbsCommon.Set, "AriDeviceState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DeviceState))]
    public sealed class SetAriDeviceStateCommand : AriConnectedCmdlet
    {
        /// <summary>The device, Stasis:NAME (only Stasis: devices can be set through ARI).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriDeviceStateCompleter))]
        public string DeviceName { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        [Alias("State")]
        [ValidateSet("NOT_INUSE", "INUSE", "BUSY", "INVALID", "UNAVAILABLE", "RINGING", "RINGINUSE", "ONHOLD")]
        public string DeviceState { get; set; } = "";

        /// <summary>Write the device state afterwards (re-read with GET).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var state = DeviceState.ToUpperInvariant();
            if (!ShouldProcess(DeviceName, $"Set the state to {state}")) return;
            if (Send(new AriRequest("PUT", "deviceStates", DeviceName).With("deviceState", state), DeviceName) is null) return;
            if (!PassThru) return;
            var current = Send(new AriRequest("GET", "deviceStates", DeviceName), AriJsonContext.Default.DeviceState, DeviceName);
            if (current != null) WriteObject(current);
        }
    }
}
