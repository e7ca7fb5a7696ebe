using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriChannel: every active channel, or the channels with the given ids (GET /channels, /channels/{id}).</summary>
    [Cmdlet(VerbsCommon.Get, "AriChannel")]
    [OutputType(typeof(Channel))]
    public sealed class GetAriChannelCommand : AriConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string[]? Id { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (Id is null)
            {
                var channels = Send(new AriRequest("GET", "channels"), AriJsonContext.Default.ChannelArray, null);
                if (channels != null) WriteObject(channels, enumerateCollection: true);
                return;
            }
            foreach (var id in Id)
            {
                var channel = Send(new AriRequest("GET", "channels", id), AriJsonContext.Default.Channel, id);
                if (channel != null) WriteObject(channel);
            }
        }
    }
}
