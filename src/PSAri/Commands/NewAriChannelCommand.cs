using System.Collections;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>New-AriChannel: originates a channel into a Stasis application (POST /channels, or
    /// /channels/{channelId} with -ChannelId) or into the dialplan (-Extension), or creates one without dialling
    /// (-NoDial: POST /channels/create), and returns the Channel.</summary>
    [Cmdlet(VerbsCommon.New, "AriChannel", DefaultParameterSetName = AppSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Channel))]
    public sealed class NewAriChannelCommand : AriWaitingCmdlet
    {
        private const string AppSet = "App";
        private const string ExtensionSet = "Extension";
        private const string CreateSet = "Create";

        /// <summary>The endpoint to call, technology/resource: Local/1000@default, PJSIP/alice.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriEndpointCompleter))]
        public string Endpoint { get; set; } = "";

        /// <summary>The Stasis application the channel enters once answered.</summary>
        [Parameter(ParameterSetName = AppSet, Position = 1)]
        [Parameter(ParameterSetName = CreateSet, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriApplicationCompleter))]
        public string? App { get; set; }

        /// <summary>Arguments for the application (StasisStart args).</summary>
        [Parameter(ParameterSetName = AppSet)]
        [Parameter(ParameterSetName = CreateSet)]
        public string[]? AppArgs { get; set; }

        /// <summary>The dialplan extension the answered channel continues in.</summary>
        [Parameter(ParameterSetName = ExtensionSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? Extension { get; set; }

        [Parameter(ParameterSetName = ExtensionSet)]
        [ValidateNotNullOrEmpty]
        public string? Context { get; set; }

        [Parameter(ParameterSetName = ExtensionSet)]
        public long? Priority { get; set; }

        [Parameter(ParameterSetName = ExtensionSet)]
        [ValidateNotNullOrEmpty]
        public string? Label { get; set; }

        /// <summary>Create the channel without dialling it (POST /channels/create); dial it later with Invoke-AriChannelDial.</summary>
        [Parameter(ParameterSetName = CreateSet, Mandatory = true)]
        public SwitchParameter NoDial { get; set; }

        /// <summary>The caller id, such as '"Alice" &lt;1000&gt;'.</summary>
        [Parameter(ParameterSetName = AppSet)]
        [Parameter(ParameterSetName = ExtensionSet)]
        [ValidateNotNullOrEmpty]
        public string? CallerId { get; set; }

        /// <summary>Seconds to wait for an answer (Asterisk's default: 30).</summary>
        [Parameter(ParameterSetName = AppSet)]
        [Parameter(ParameterSetName = ExtensionSet)]
        public int? Timeout { get; set; }

        /// <summary>Channel variables to set at creation: @{ NAME = 'value' }.</summary>
        [Parameter]
        public Hashtable? Variable { get; set; }

        /// <summary>The id to give the channel.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ChannelId { get; set; }

        /// <summary>The id to give the second half of a Local channel.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string? OtherChannelId { get; set; }

        /// <summary>The id of the channel that causes this one (for linkedid and codecs).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string? Originator { get; set; }

        /// <summary>Formats to offer, such as ulaw, alaw, slin16 (used only without -Originator).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Formats { get; set; }

        /// <summary>Return only once the channel is in the application (its StasisStart; -App and -NoDial) or answered
        /// (Up; -Extension), with the channel as it is then. An id is made up when -ChannelId is not given.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many seconds (-Timeout is Asterisk's answer timeout).</summary>
        [Parameter]
        [ValidateRange(0.001, double.MaxValue)]
        public double WaitTimeout { get; set; } = 600;

        protected override void ProcessConnectionRecord()
        {
            if (ParameterSetName == AppSet && App is null)
                ThrowTerminatingError(AriErrors.Record("AriOriginateNoTarget", ErrorCategory.InvalidArgument, Endpoint,
                    "Give -App (a Stasis application) or -Extension (a dialplan extension): Asterisk needs one of them to know where the answered channel goes.",
                    "New-AriChannel Local/1000@default -App myapp, or New-AriChannel Local/1000@default -Extension 1000 -Context default."));
            var appArgs = AriAppArgs.Join(AppArgs, Endpoint, out var error);
            if (error != null) ThrowTerminatingError(error);
            var formats = AriAppArgs.JoinPlain(Formats, nameof(Formats), Endpoint, out error);
            if (error != null) ThrowTerminatingError(error);

            var action = ParameterSetName switch
            {
                CreateSet => $"Create a channel to {Endpoint} for application {App}",
                ExtensionSet => $"Originate a call to {Endpoint} into extension {Extension}",
                _ => $"Originate a call to {Endpoint} into application {App}",
            };
            if (!ShouldProcess(ChannelId ?? Endpoint, action)) return;

            // With -Wait the channel id must be known before the request, so the wait can be registered first.
            var channelId = ChannelId ?? (Wait ? System.Guid.NewGuid().ToString() : null);
            var intoApp = ParameterSetName != ExtensionSet;
            var waitingFor = intoApp ? $"channel {channelId} entering application {App} (StasisStart)" : $"channel {channelId} being answered (Up)";
            if (!TryRegister(Wait, channelId ?? Endpoint, waitingFor, m => m switch
                {
                    StasisStartEvent s => intoApp && s.ChannelId == channelId,
                    ChannelStateChangeEvent c => !intoApp && c.ChannelId == channelId && c.Channel?.State == "Up",
                    ChannelDestroyedEvent d => d.ChannelId == channelId,
                    _ => false,
                }, out var waiter))
                return;

            using (waiter)
            {
                AriRequest request;
                if (ParameterSetName == CreateSet)
                    request = new AriRequest("POST", "channels", "create").With("channelId", channelId);
                else if (channelId != null)
                    request = new AriRequest("POST", "channels", channelId);
                else
                    request = new AriRequest("POST", "channels");
                request.With("endpoint", Endpoint)
                    .With("extension", Extension).With("context", Context).With("priority", Priority).With("label", Label)
                    .With("app", App).With("appArgs", appArgs)
                    .With("callerId", CallerId).With("timeout", Timeout)
                    .With("otherChannelId", OtherChannelId).With("originator", Originator).With("formats", formats)
                    .WithVariables(AriConvert.ToStringDictionary(Variable));
                var channel = Send(request, AriJsonContext.Default.Channel, channelId ?? Endpoint);
                if (channel is null) return;
                if (waiter is null)
                {
                    WriteObject(channel);
                    return;
                }
                var outcome = intoApp ? AwaitOutcome(waiter, WaitTimeout, channel.Id, waitingFor) : AwaitAnswer(waiter, channel.Id, waitingFor);
                switch (outcome)
                {
                    case StasisStartEvent s:
                        WriteObject(s.Channel);
                        break;
                    case ChannelStateChangeEvent c:
                        WriteObject(c.Channel);
                        break;
                    case ChannelDestroyedEvent d:
                        WriteWaitFailure("AriChannelHungUp", channel.Id,
                            $"Channel {channel.Id} to {Endpoint} was hung up{(string.IsNullOrEmpty(d.CauseText) ? "" : $" ({d.CauseText}, cause {d.Cause})")} before {(intoApp ? "it entered application " + App : "it was answered")}.");
                        break;
                }
            }
        }

        /// <summary>A channel sent into the dialplan is in no application, so its events reach this process only
        /// when an application subscribed to it: besides the event, look at the channel twice a second.</summary>
        private AriMessage? AwaitAnswer(AriEventWaiter waiter, string channelId, string waitingFor)
        {
            var connection = ActiveConnection;
            var limit = System.TimeSpan.FromSeconds(WaitTimeout);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            WriteVerbose($"Waiting for {waitingFor}.");
            while (true)
            {
                var left = limit - clock.Elapsed;
                var slice = left < System.TimeSpan.FromMilliseconds(500) ? left : System.TimeSpan.FromMilliseconds(500);
                if (slice > System.TimeSpan.Zero && WaitFor(waiter, slice) is AriMessage m) return m;
                try
                {
                    var response = Await(connection.Rest.SendAsync(new AriRequest("GET", "channels", channelId), Cancel, CallTimeout));
                    var now = response.Deserialize(AriJsonContext.Default.Channel);
                    if (now.State == "Up")
                    {
                        now.Attach(connection);
                        return new ChannelStateChangeEvent { Type = "ChannelStateChange", Channel = now };
                    }
                }
                catch (AriException e) when (e.StatusCode == 404)
                {
                    return new ChannelDestroyedEvent { Type = "ChannelDestroyed", Channel = new Channel { Id = channelId } };
                }
                if (clock.Elapsed >= limit)
                {
                    WriteError(AriErrors.Record("AriWaitTimeout", ErrorCategory.OperationTimeout, channelId,
                        $"{waitingFor} did not come within {WaitTimeout} s.", "Give a longer -WaitTimeout."));
                    return null;
                }
            }
        }
    }
}
