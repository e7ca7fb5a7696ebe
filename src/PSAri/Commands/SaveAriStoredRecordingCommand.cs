using System;
using System.IO;
using System.Management.Automation;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Save-AriStoredRecording: downloads a stored recording's audio file (GET /recordings/stored/{name}/file)
    /// and writes it to -Path; returns the FileInfo.</summary>
    [Cmdlet(VerbsData.Save, "AriStoredRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveAriStoredRecordingCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriStoredRecordingCompleter))]
        public string RecordingName { get; set; } = "";

        /// <summary>The file to write; an existing folder gets NAME.FORMAT inside it.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(RecordingName, $"Save the recording's file to {path}")) return;
            var response = Send(new AriRequest("GET", "recordings", "stored", RecordingName, "file"), RecordingName);
            if (response is null) return;
            if (Directory.Exists(path))
            {
                var leaf = RecordingName.Substring(RecordingName.LastIndexOf('/') + 1);
                path = System.IO.Path.Combine(path, leaf + "." + ExtensionOf(response.ContentType));
            }
            if (File.Exists(path) && !Force)
            {
                WriteError(AriErrors.Record("AriFileExists", ErrorCategory.ResourceExists, path,
                    $"The file {path} exists already.", "Use -Force to overwrite it, or choose another -Path."));
                return;
            }
            try
            {
                File.WriteAllBytes(path, response.Body);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(e, "AriFileWriteFailed", ErrorCategory.WriteError, path));
                return;
            }
            WriteVerbose($"Wrote {response.Body.Length} bytes ({response.ContentType}) to {path}.");
            WriteObject(new FileInfo(path));
        }

        /// <summary>audio/wav -> wav; no or an odd content type -> bin.</summary>
        private static string ExtensionOf(string? contentType)
        {
            if (string.IsNullOrEmpty(contentType)) return "bin";
            var slash = contentType!.IndexOf('/');
            var sub = slash < 0 ? contentType : contentType.Substring(slash + 1);
            var semi = sub.IndexOf(';');
            if (semi >= 0) sub = sub.Substring(0, semi);
            sub = sub.Trim();
            return sub.Length == 0 ? "bin" : sub;
        }
    }
}
