using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Move-AriChannel: moves a channel in Stasis to another application (POST /channels/{id}/move) or
    /// redirects it to another endpoint (POST /channels/{id}/redirect).</summary>
    [Cmdlet(VerbsCommon.Move, "AriChannel", DefaultParameterSetName = AppSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class MoveAriChannelCommand : AriWaitingCmdlet
    {
        private const string AppSet = "App";
        private const string EndpointSet = "Endpoint";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>The application to move the channel to. Always sent: Asterisk 22.10.1 crashes on a move without it.</summary>
        [Parameter(ParameterSetName = AppSet, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string App { get; set; } = "";

        /// <summary>Arguments for the new application (its StasisStart args).</summary>
        [Parameter(ParameterSetName = AppSet)]
        public string[]? AppArgs { get; set; }

        /// <summary>The endpoint to redirect the channel to (same technology as the channel).</summary>
        [Parameter(ParameterSetName = EndpointSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriEndpointCompleter))]
        public string Endpoint { get; set; } = "";

        /// <summary>Write the channel (read again) after the move.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Return only once the channel left this application (its StasisEnd), with the channel as it was then.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many seconds.</summary>
        [Parameter]
        [ValidateRange(0.001, double.MaxValue)]
        public double Timeout { get; set; } = 600;

        protected override void ProcessConnectionRecord()
        {
            AriRequest request;
            string action;
            if (ParameterSetName == EndpointSet)
            {
                request = new AriRequest("POST", "channels", ChannelId, "redirect").With("endpoint", Endpoint);
                action = $"Redirect to {Endpoint}";
            }
            else
            {
                var appArgs = AriAppArgs.Join(AppArgs, ChannelId, out var error);
                if (error != null) ThrowTerminatingError(error);
                request = new AriRequest("POST", "channels", ChannelId, "move").With("app", App).With("appArgs", appArgs);
                action = $"Move to application {App}";
            }
            if (!ShouldProcess(ChannelId, action)) return;
            SendLeavingApplication(request, ChannelId, Wait, Timeout, PassThru);
        }
    }
}
