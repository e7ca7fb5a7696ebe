using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriChannelRtpStatistic: reads a channel's RTP statistics (GET /channels/{id}/rtp_statistics).</summary>
    [Cmdlet(VerbsCommon.Get, "AriChannelRtpStatistic")]
    [OutputType(typeof(RtpStat))]
    public sealed class GetAriChannelRtpStatisticCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            var stat = Send(new AriRequest("GET", "channels", ChannelId, "rtp_statistics"), AriJsonContext.Default.RtpStat, ChannelId);
            if (stat != null) WriteObject(stat);
        }
    }
}
