using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using PSAri.Emulator;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>The emulators started in this process, newest last: the emulator cmdlets default to the
    /// newest running one. Process-wide (not per runspace) so a phone simulated in another runspace sees them.</summary>
    internal static class EmulatorRegistry
    {
        private static readonly List<AriEmulator> Running = new List<AriEmulator>();

        public static void Add(AriEmulator emulator)
        {
            lock (Running) Running.Add(emulator);
        }

        public static void Remove(AriEmulator emulator)
        {
            lock (Running) Running.Remove(emulator);
        }

        public static AriEmulator[] All()
        {
            lock (Running)
            {
                Running.RemoveAll(e => !e.IsRunning);
                return Running.ToArray();
            }
        }

        public static AriEmulator? Newest() => All().LastOrDefault();
    }

    /// <summary>Base of the cmdlets that act on an emulator: -Emulator, defaulting to the newest one.</summary>
    public abstract class AriEmulatorCmdlet : AriCmdlet
    {
        /// <summary>The emulator to act on; by default the one started last in this process.</summary>
        [Parameter]
        [ValidateNotNull]
        public AriEmulator? Emulator { get; set; }

        protected AriEmulator ResolveEmulator()
        {
            var emulator = Emulator ?? EmulatorRegistry.Newest();
            if (emulator is null)
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException("No ARI emulator is running; start one with Start-AriEmulator."),
                    "AriEmulatorNotRunning", ErrorCategory.ObjectNotFound, null));
            return emulator!;
        }
    }

    /// <summary>Start-AriEmulator: starts the built-in ARI emulator on 127.0.0.1 and returns it.</summary>
    [Cmdlet(VerbsLifecycle.Start, "AriEmulator")]
    [OutputType(typeof(AriEmulator))]
    public sealed class StartAriEmulatorCommand : AriCmdlet
    {
        /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>The ARI user and password the emulator accepts; asterisk/asterisk by default.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Playback speed: 1 is real time, 10 plays sound:hello-world in 142 ms.</summary>
        [Parameter]
        [ValidateRange(0.001, 1000000.0)]
        public double TimeScale { get; set; } = 1.0;

        /// <summary>A file that each request line is also appended to (no headers; api_key redacted).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RequestLogPath { get; set; }

        /// <summary>Also connect out to this ws:// address, as Asterisk's persistent outbound WebSocket does.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? OutboundUri { get; set; }

        /// <summary>The user name and password the outbound WebSocket presents (websocket_client.conf).</summary>
        [Parameter]
        [Credential]
        public PSCredential? OutboundCredential { get; set; }

        /// <summary>The Stasis applications the outbound WebSocket serves (ari.conf apps); hello-world by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? OutboundApp { get; set; }

        /// <summary>More ARI users with read_only = yes: they may GET and open event sockets; any other request
        /// answers 403 "Write access denied" (the transcripts' viewer/viewer).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public PSCredential[]? ReadOnlyCredential { get; set; }

        /// <summary>Serve /mailboxes, as an Asterisk built with res_mwi_external does; without it, every /mailboxes
        /// request answers 404 "Resource not found", as a default build of Asterisk 22 does.</summary>
        [Parameter]
        public SwitchParameter Mailboxes { get; set; }

        /// <summary>Keeps running until Ctrl+C, then stops the emulator (for wscat, curl, a browser...).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        protected override void EndProcessing()
        {
            var options = new AriEmulatorOptions { Port = Port, TimeScale = TimeScale, Mailboxes = Mailboxes,
                RequestLogPath = RequestLogPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(RequestLogPath) };
            if (Credential != null)
            {
                options.UserName = Credential.UserName;
                options.Password = Credential.GetNetworkCredential().Password;
            }
            options.OutboundUri = OutboundUri;
            options.OutboundUserName = OutboundCredential?.UserName;
            options.OutboundPassword = OutboundCredential?.GetNetworkCredential().Password;
            if (OutboundApp != null) options.OutboundApps = OutboundApp;
            var viewers = ReadOnlyCredential ?? new PSCredential[0];
            foreach (var viewer in viewers)
                if (string.Equals(viewer.UserName, options.UserName, StringComparison.Ordinal))
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-ReadOnlyCredential names '{viewer.UserName}', the read-write user of -Credential: give the read-only user another name."),
                        "AriEmulatorUserTwice", ErrorCategory.InvalidArgument, viewer.UserName));
            AriEmulator emulator;
            try
            {
                emulator = new AriEmulator(options);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, "AriEmulatorRequestLogFailed", ErrorCategory.WriteError, RequestLogPath));
                return;
            }
            catch (Exception e) when (e is System.Net.HttpListenerException || e is System.Net.Sockets.SocketException)
            {
                ThrowTerminatingError(new ErrorRecord(e, "AriEmulatorListenFailed", ErrorCategory.ResourceUnavailable, Port));
                return;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "AriEmulatorInvalidOutbound", ErrorCategory.InvalidArgument, OutboundUri));
                return;
            }
            foreach (var viewer in viewers)
                emulator.AddUser(viewer.UserName, viewer.GetNetworkCredential().Password, readOnly: true);
            EmulatorRegistry.Add(emulator);
            WriteVerbose($"ARI emulator listening on {emulator.BaseUri} (user {emulator.UserName}).");
            WriteObject(emulator);
            if (!Wait)
                return;
            WriteHost($"ARI emulator on {emulator.BaseUri}ari (user {emulator.UserName}); press Ctrl+C to stop.");
            try
            {
                Cancel.WaitHandle.WaitOne();
            }
            finally
            {
                EmulatorRegistry.Remove(emulator);
                emulator.Dispose();
            }
        }

        private void WriteHost(string text) =>
            WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });
    }

    /// <summary>Stop-AriEmulator: stops an emulator (by default the newest); its sockets drop like a server shutdown.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class StopAriEmulatorCommand : AriCmdlet
    {
        /// <summary>The emulator to stop; by default the one started last.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public AriEmulator? Emulator { get; set; }

        protected override void ProcessRecord()
        {
            var emulator = Emulator ?? EmulatorRegistry.Newest();
            if (emulator is null)
            {
                WriteError(new ErrorRecord(new InvalidOperationException("No ARI emulator is running."),
                    "AriEmulatorNotRunning", ErrorCategory.ObjectNotFound, null));
                return;
            }
            if (!ShouldProcess(emulator.BaseUri.ToString(), "Stop ARI emulator"))
                return;
            EmulatorRegistry.Remove(emulator);
            emulator.Dispose();
        }
    }

    /// <summary>Get-AriEmulator: the emulators running in this process, oldest first.</summary>
    [Cmdlet(VerbsCommon.Get, "AriEmulator")]
    [OutputType(typeof(AriEmulator))]
    public sealed class GetAriEmulatorCommand : AriCmdlet
    {
        protected override void EndProcessing()
        {
            foreach (var e in EmulatorRegistry.All())
                WriteObject(e);
        }
    }

    /// <summary>New-AriEmulatorCall: a simulated phone dials an extension; returns the channel once it is in
    /// Stasis (after StasisStart was sent).</summary>
    [Cmdlet(VerbsCommon.New, "AriEmulatorCall", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Channel))]
    public sealed class NewAriEmulatorCallCommand : AriEmulatorCmdlet
    {
        /// <summary>The extension dialled: 1000 enters Stasis(hello-world), app-NAME enters Stasis(NAME,first,second).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Extension { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Context { get; set; } = "default";

        [Parameter]
        public string? CallerName { get; set; }

        [Parameter]
        public string? CallerNumber { get; set; }

        protected override void EndProcessing()
        {
            var emulator = ResolveEmulator();
            if (!ShouldProcess($"{Extension}@{Context}", "Place a simulated call"))
                return;
            try
            {
                WriteObject(Await(emulator.PlaceCallAsync(Extension, Context, CallerName, CallerNumber, Cancel)));
            }
            catch (ArgumentException e)
            {
                WriteError(new ErrorRecord(e, "AriEmulatorNoSuchExtension", ErrorCategory.ObjectNotFound, Extension));
            }
            catch (InvalidOperationException e)
            {
                WriteError(new ErrorRecord(e, "AriEmulatorCallFailed", ErrorCategory.InvalidOperation, Extension));
            }
        }
    }

    /// <summary>Stop-AriEmulatorCall: hangs a simulated call up from the phone's side (the app gets
    /// ChannelHangupRequest and StasisEnd).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AriEmulatorCall", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class StopAriEmulatorCallCommand : AriEmulatorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string ChannelId { get; set; } = "";

        protected override void ProcessRecord()
        {
            var emulator = ResolveEmulator();
            if (!ShouldProcess(ChannelId, "Hang up the simulated call"))
                return;
            if (!emulator.HangupCall(ChannelId))
                WriteError(new ErrorRecord(new ItemNotFoundException($"The emulator has no channel '{ChannelId}'."),
                    "AriEmulatorChannelNotFound", ErrorCategory.ObjectNotFound, ChannelId));
        }
    }
}
