using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;

namespace PSAri.Commands
{
    /// <summary>Base of the channel actions that Asterisk answers with 204 and nothing else (answer, ring, hold,
    /// mute, ...): -ChannelId from the pipeline, -WhatIf/-Confirm, and -PassThru, which re-reads the channel
    /// with GET /channels/{id} and writes it.</summary>
    public abstract class AriChannelActionCmdlet : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>Write the channel (re-read after the action) instead of nothing.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>What ShouldProcess shows, such as "Answer".</summary>
        private protected abstract string Action { get; }

        /// <summary>The request for one channel.</summary>
        private protected abstract AriRequest BuildRequest(string channelId);

        protected override void ProcessConnectionRecord()
        {
            Act(ChannelId, Action, BuildRequest(ChannelId), PassThru, new AriRequest("GET", "channels", ChannelId), AriJsonContext.Default.Channel);
        }
    }
}
