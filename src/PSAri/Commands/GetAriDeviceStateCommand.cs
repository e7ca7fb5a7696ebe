using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriDeviceState: every device state ARI controls, or the named ones (GET /deviceStates[/{deviceName}]).</summary>
    [Cmdlet(VerbsCommon.Get, "AriDeviceState")]
    [OutputType(typeof(DeviceState))]
    public sealed class GetAriDeviceStateCommand : AriConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriDeviceStateCompleter))]
        public string[]? DeviceName { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (DeviceName is null)
            {
                var all = Send(new AriRequest("GET", "deviceStates"), AriJsonContext.Default.DeviceStateArray, null);
                if (all != null) WriteObject(all, enumerateCollection: true);
                return;
            }
            foreach (var name in DeviceName)
            {
                var state = Send(new AriRequest("GET", "deviceStates", name), AriJsonContext.Default.DeviceState, name);
                if (state != null) WriteObject(state);
            }
        }
    }
}
