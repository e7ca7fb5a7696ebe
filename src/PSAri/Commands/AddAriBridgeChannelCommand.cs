using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Add-AriBridgeChannel: puts channels into a bridge (POST /bridges/{id}/addChannel); a channel in
    /// another bridge moves. The ids of one pipeline item go in one request, comma-separated.</summary>
    [Cmdlet(VerbsCommon.Add, "AriBridgeChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Bridge))]
    public sealed class AddAriBridgeChannelCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string[] ChannelId { get; set; } = null!;

        /// <summary>The channels' role in the bridge (for example participant, or announcer in a holding bridge).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Role { get; set; }

        /// <summary>DTMF from these channels is absorbed instead of passed to the bridge.</summary>
        [Parameter]
        public SwitchParameter AbsorbDtmf { get; set; }

        /// <summary>The channels' audio is not passed to the bridge.</summary>
        [Parameter]
        public SwitchParameter Mute { get; set; }

        /// <summary>The channels send no connected line updates to the bridge.</summary>
        [Parameter]
        public SwitchParameter InhibitConnectedLineUpdates { get; set; }

        /// <summary>Write the bridge (read again) after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (BridgeChannels.HasComma(this, ChannelId)) return;
            var channels = string.Join(",", ChannelId);
            if (!ShouldProcess(BridgeId, $"Add channel(s) {channels}")) return;
            var request = new AriRequest("POST", "bridges", BridgeId, "addChannel").With("channel", channels).With("role", Role);
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(AbsorbDtmf))) request.With("absorbDTMF", AbsorbDtmf.IsPresent);
            if (bound.ContainsKey(nameof(Mute))) request.With("mute", Mute.IsPresent);
            if (bound.ContainsKey(nameof(InhibitConnectedLineUpdates))) request.With("inhibitConnectedLineUpdates", InhibitConnectedLineUpdates.IsPresent);
            if (Send(request, BridgeId) is null || !PassThru) return;
            var bridge = Send(new AriRequest("GET", "bridges", BridgeId), AriJsonContext.Default.Bridge, BridgeId);
            if (bridge != null) WriteObject(bridge);
        }
    }

    internal static class BridgeChannels
    {
        /// <summary>Asterisk splits the channel list on commas: an id with a comma would name other channels.
        /// Writes the error and returns true when one has a comma.</summary>
        public static bool HasComma(Cmdlet cmdlet, string[] ids)
        {
            foreach (var id in ids)
                if (id.IndexOf(',') >= 0)
                {
                    cmdlet.WriteError(AriErrors.Record("AriChannelIdHasComma", ErrorCategory.InvalidArgument, id,
                        $"The channel id '{id}' contains a comma; Asterisk splits the channel list on commas, so it would act on '{id.Replace(",", "' and '")}'.",
                        "Pass each channel id as its own -ChannelId item."));
                    return true;
                }
            return false;
        }
    }
}
