using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriPlayback: a playback by id (GET /playbacks/{id}); finished playbacks are gone (404).</summary>
    [Cmdlet(VerbsCommon.Get, "AriPlayback")]
    [OutputType(typeof(Playback))]
    public sealed class GetAriPlaybackCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriPlaybackCompleter))]
        public string[] PlaybackId { get; set; } = null!;

        protected override void ProcessConnectionRecord()
        {
            foreach (var id in PlaybackId)
            {
                var playback = Send(new AriRequest("GET", "playbacks", id), AriJsonContext.Default.Playback, id);
                if (playback != null) WriteObject(playback);
            }
        }
    }
}
