using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriAsteriskInfo: what the server tells about itself (GET /asterisk/info).</summary>
    [Cmdlet(VerbsCommon.Get, "AriAsteriskInfo")]
    [OutputType(typeof(AsteriskInfo))]
    public sealed class GetAriAsteriskInfoCommand : AriConnectedCmdlet
    {
        /// <summary>The parts to return (all by default).</summary>
        [Parameter(Position = 0)]
        [ValidateSet("build", "system", "config", "status")]
        public string[]? Only { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var info = Send(new AriRequest("GET", "asterisk", "info").With("only", Only is null ? null : string.Join(",", Only)),
                AriJsonContext.Default.AsteriskInfo, null);
            if (info != null) WriteObject(info);
        }
    }
}
