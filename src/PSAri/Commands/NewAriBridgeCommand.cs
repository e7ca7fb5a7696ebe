using System.Collections;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>New-AriBridge: creates a bridge (POST /bridges, or /bridges/{bridgeId} with -BridgeId).</summary>
    [Cmdlet(VerbsCommon.New, "AriBridge", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Bridge))]
    public sealed class NewAriBridgeCommand : AriConnectedCmdlet
    {
        /// <summary>The bridge's features, sent as one comma-separated list (mixing when none is given).</summary>
        [Parameter(Position = 0)]
        [ValidateSet("mixing", "holding", "dtmf_events", "proxy_media", "video_sfu", "video_single", "sdp_label")]
        public string[]? Type { get; set; }

        /// <summary>The id to give the bridge (createWithId); Asterisk makes one up otherwise.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BridgeId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Bridge variables to set, as a hashtable (sent in the JSON body).</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Variable { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var type = Type is null || Type.Length == 0 ? null : string.Join(",", Type);
            if (!ShouldProcess(BridgeId ?? Name ?? "new bridge", $"Create a {type ?? "mixing"} bridge")) return;
            var request = BridgeId is null ? new AriRequest("POST", "bridges") : new AriRequest("POST", "bridges", BridgeId);
            request.With("type", type).With("name", Name).WithVariables(AriConvert.ToStringDictionary(Variable));
            var bridge = Send(request, AriJsonContext.Default.Bridge, BridgeId);
            if (bridge != null) WriteObject(bridge);
        }
    }
}
