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
    public sealed class GetAriDynamicConfigCommand : AriConnectedCmdlet
    {
        /// <summary>The configuration class (the module: res_pjsip ...).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ConfigClass { get; set; } = "";

        /// <summary>The object type within the class (endpoint, aor, auth ...).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ObjectType { get; set; } = "";

        /// <summary>The object's id.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = "";

        private string Target => ConfigClass + "/" + ObjectType + "/" + Id;

        protected override void ProcessRecord()
        {
            var request = new AriRequest("GET", "asterisk", "config", "dynamic", ConfigClass, ObjectType, Id);
            var tuples = Send(request, AriJsonContext.Default.ConfigTupleArray, Target);
            if (tuples != null) WriteObject(tuples, enumerateCollection: true);
        }
    }
}
