using System.Collections;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>New-AriExternalMediaChannel: creates a channel that streams a call's audio to or from an external
    /// media server (POST /channels/externalMedia) and enters an application.</summary>
    [Cmdlet(VerbsCommon.New, "AriExternalMediaChannel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class NewAriExternalMediaChannelCommand : AriConnectedCmdlet
    {
        /// <summary>The application the channel enters.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string App { get; set; } = "";

        /// <summary>host:port of the media server (or a websocket client connection id).</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? ExternalHost { get; set; }

        /// <summary>The audio format, such as ulaw or slin16.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Format { get; set; } = "";

        [Parameter]
        [ValidateSet("rtp", "audiosocket", "none")]
        public string? Encapsulation { get; set; }

        [Parameter]
        [ValidateSet("udp", "tcp", "websocket")]
        public string? Transport { get; set; }

        [Parameter]
        [ValidateSet("client", "server")]
        public string? ConnectionType { get; set; }

        [Parameter]
        [ValidateSet("both")]
        public string? Direction { get; set; }

        /// <summary>Free data for the transport (the AudioSocket UUID).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Data { get; set; }

        /// <summary>Transport-specific data (appended to the websocket dial string).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TransportData { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ChannelId { get; set; }

        /// <summary>Channel variables to set at creation: @{ NAME = 'value' }.</summary>
        [Parameter]
        public Hashtable? Variable { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (ExternalHost is null && !(Transport == "websocket" && ConnectionType == "server"))
                ThrowTerminatingError(AriErrors.Record("AriExternalHostMissing", ErrorCategory.InvalidArgument, App,
                    "-ExternalHost is needed unless -Transport websocket -ConnectionType server.",
                    "Give the media server as host:port, for example -ExternalHost 127.0.0.1:4000."));
            if (!ShouldProcess(ChannelId ?? App, $"Create an external media channel to {ExternalHost ?? "a websocket client"} for application {App}")) return;
            var request = new AriRequest("POST", "channels", "externalMedia")
                .With("channelId", ChannelId).With("app", App).With("external_host", ExternalHost)
                .With("encapsulation", Encapsulation).With("transport", Transport).With("connection_type", ConnectionType)
                .With("format", Format).With("direction", Direction).With("data", Data).With("transport_data", TransportData)
                .WithVariables(AriConvert.ToStringDictionary(Variable));
            var channel = Send(request, AriJsonContext.Default.Channel, ChannelId ?? App);
            if (channel != null) WriteObject(channel);
        }
    }
}
