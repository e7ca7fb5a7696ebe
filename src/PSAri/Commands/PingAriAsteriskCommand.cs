using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Ping-AriAsterisk: checks that the server answers (GET /asterisk/ping).</summary>
    [Cmdlet(VerbsDiagnostic.Ping, "AriAsterisk")]
    [OutputType(typeof(AsteriskPing))]
    public sealed class PingAriAsteriskCommand : AriConnectedCmdlet
    {
        protected override void ProcessConnectionRecord()
        {
            var pong = Send(new AriRequest("GET", "asterisk", "ping"), AriJsonContext.Default.AsteriskPing, null);
            if (pong != null) WriteObject(pong);
        }
    }
}
