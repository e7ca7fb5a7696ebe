using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Remove-AriDeviceState: destroys a device state ARI controls; it reads UNKNOWN afterwards (DELETE /deviceStates/{deviceName}).</summary>
    [Cmdlet(VerbsCommon.Remove, "AriDeviceState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAriDeviceStateCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriDeviceStateCompleter))]
        public string DeviceName { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(DeviceName, "Remove the device state")) return;
            Send(new AriRequest("DELETE", "deviceStates", DeviceName), DeviceName);
        }
    }
}
