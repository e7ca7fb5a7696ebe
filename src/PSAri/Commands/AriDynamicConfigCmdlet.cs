using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Base of the cmdlets on one dynamic configuration object (/asterisk/config/dynamic/{configClass}/{objectType}/{id}):
    /// the three parts of its address, bound from the pipeline by property name.</summary>
    public abstract class AriDynamicConfigCmdlet : AriConnectedCmdlet
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

        /// <summary>class/type/id, the target of errors and ShouldProcess.</summary>
        private protected string Target => ConfigClass + "/" + ObjectType + "/" + Id;

        /// <summary>A request to the object's path.</summary>
        private protected AriRequest ObjectRequest(string method) =>
            new AriRequest(method, "asterisk", "config", "dynamic", ConfigClass, ObjectType, Id);
    }
}
