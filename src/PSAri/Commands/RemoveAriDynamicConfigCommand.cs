using System.Collections;
using System.Linq;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Remove-AriDynamicConfig: deletes a dynamic configuration object (DELETE /asterisk/config/dynamic/{configClass}/{objectType}/{id}).</summary>
    [Cmdlet(VerbsCommon.Remove, "AriDynamicConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAriDynamicConfigCommand : AriDynamicConfigCmdlet
    {
        protected override void ProcessConnectionRecord()
        {
            var request = ObjectRequest("DELETE");
            if (!ShouldProcess(Target, "Delete dynamic configuration object")) return;
            Send(request, Target);
        }
    }
}
