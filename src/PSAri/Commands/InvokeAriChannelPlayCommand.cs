using System.Management.Automation;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Invoke-AriChannelPlay: plays media to a channel (POST /channels/{id}/play[/{playbackId}]) and
    /// returns the Playback; with -Wait, returns it once finished. The media parameters and -Wait are in AriPlayCmdlet.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AriChannelPlay", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Playback))]
    public sealed class InvokeAriChannelPlayCommand : AriPlayCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        protected override void ProcessConnectionRecord()
        {
            var channelId = ChannelId;
            Play("channels", "channel", channelId,
                m => m is StasisEndEvent s && s.ChannelId == channelId,
                "Channel {0} left the application before playback {1} finished.",
                example: "Receive-AriEvent -App hello-world | Where Type -eq StasisStart | Invoke-AriChannelPlay -Media sound:hello-world -Wait");
        }
    }
}
