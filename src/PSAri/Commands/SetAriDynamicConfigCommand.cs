using System.Collections;
using System.Linq;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Set-AriDynamicConfig: creates or updates a dynamic configuration object (PUT /asterisk/config/dynamic/{configClass}/{objectType}/{id}).</summary>
    [Cmdlet(VerbsCommon.Set, "AriDynamicConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConfigTuple))]
    public sealed class SetAriDynamicConfigCommand : AriDynamicConfigCmdlet
    {
        /// <summary>The attributes to set: @{ allow = 'ulaw'; context = 'default' }.</summary>
        [Parameter(Position = 3)]
        public Hashtable? Field { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var request = ObjectRequest("PUT");
            if (Field != null)
            {
                var fields = AriConvert.ToStringDictionary(Field)!.Select(p => new ConfigTuple { Attribute = p.Key, Value = p.Value }).ToArray();
                request.JsonBody = AriJsonBody.Serialize(new Hashtable { ["fields"] = fields.Select(f => new System.Collections.Specialized.OrderedDictionary { ["attribute"] = f.Attribute, ["value"] = f.Value }).ToArray() });
            }
            if (!ShouldProcess(Target, "Set dynamic configuration object")) return;
            var tuples = Send(request, AriJsonContext.Default.ConfigTupleArray, Target);
            if (tuples != null) WriteObject(tuples, enumerateCollection: true);
        }
    }
}
