using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriSound: the sounds Asterisk has, filtered by language and format (GET /sounds), or the
    /// sounds with the given ids (GET /sounds/{soundId}).</summary>
    [Cmdlet(VerbsCommon.Get, "AriSound", DefaultParameterSetName = "List")]
    [OutputType(typeof(Sound))]
    public sealed class GetAriSoundCommand : AriConnectedCmdlet
    {
        /// <summary>Sound ids, such as hello-world or digits/1.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Id", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SoundId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriSoundCompleter))]
        public string[] Id { get; set; } = null!;

        [Parameter(ParameterSetName = "List")]
        [ValidateNotNullOrEmpty]
        public string? Lang { get; set; }

        [Parameter(ParameterSetName = "List")]
        [ValidateNotNullOrEmpty]
        public string? Format { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (ParameterSetName == "List")
            {
                var sounds = Send(new AriRequest("GET", "sounds").With("lang", Lang).With("format", Format), AriJsonContext.Default.SoundArray, null);
                if (sounds != null) WriteObject(sounds, enumerateCollection: true);
                return;
            }
            foreach (var id in Id)
            {
                var sound = Send(new AriRequest("GET", "sounds", id), AriJsonContext.Default.Sound, id);
                if (sound != null) WriteObject(sound);
            }
        }
    }
}
