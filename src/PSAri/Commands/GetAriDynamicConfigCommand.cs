using System.Collections;
using System.Linq;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriDynamicConfig: the attributes of a dynamic configuration object (GET /asterisk/config/dynamic/{configClass}/{objectType}/{id}).</summary>
    [Cmdlet(VerbsCommon.Get, "AriDynamicConfig")]
    [OutputType(typeof(ConfigTuple))]
    public sealed class GetAriDynamicConfigCommand : AriDynamicConfigCmdlet
    {
        protected override void ProcessConnectionRecord()
        {
            var request = ObjectRequest("GET");
            var tuples = Send(request, AriJsonContext.Default.ConfigTupleArray, Target);
            if (tuples != null) WriteObject(tuples, enumerateCollection: true);
        }
    }
}
