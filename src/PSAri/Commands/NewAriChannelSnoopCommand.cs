using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>New-AriChannelSnoop: starts a snoop channel on a channel (POST /channels/{id}/snoop, or
    /// /snoop/{snoopId} with -SnoopId) that listens and/or whispers, and enters an application.</summary>
    [Cmdlet(VerbsCommon.New, "AriChannelSnoop", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class NewAriChannelSnoopCommand : AriConnectedCmdlet
    {
        /// <summary>The channel to snoop on.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>The application the snoop channel enters.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string App { get; set; } = "";

        [Parameter]
        public string[]? AppArgs { get; set; }

        /// <summary>Which audio of the channel the snoop channel hears.</summary>
        [Parameter]
        [ValidateSet("none", "both", "out", "in")]
        public string? Spy { get; set; }

        /// <summary>Which way the snoop channel's audio is whispered into the channel.</summary>
        [Parameter]
        [ValidateSet("none", "both", "out", "in")]
        public string? Whisper { get; set; }

        /// <summary>The id to give the snoop channel.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SnoopId { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var appArgs = AriAppArgs.Join(AppArgs, ChannelId, out var error);
            if (error != null) ThrowTerminatingError(error);
            if ((Spy ?? "none") == "none" && (Whisper ?? "none") == "none")
                ThrowTerminatingError(AriErrors.Record("AriSnoopNoDirection", ErrorCategory.InvalidArgument, ChannelId,
                    "A snoop channel needs -Spy or -Whisper other than 'none'; Asterisk refuses a snoop that neither hears nor whispers.",
                    "Add -Spy both (listen to both directions) or -Whisper out."));
            if (!ShouldProcess(ChannelId, $"Snoop (spy {Spy ?? "none"}, whisper {Whisper ?? "none"}) into application {App}")) return;
            var request = SnoopId is null
                ? new AriRequest("POST", "channels", ChannelId, "snoop")
                : new AriRequest("POST", "channels", ChannelId, "snoop", SnoopId);
            request.With("spy", Spy).With("whisper", Whisper).With("app", App).With("appArgs", appArgs);
            var channel = Send(request, AriJsonContext.Default.Channel, ChannelId);
            if (channel != null) WriteObject(channel);
        }
    }
}
