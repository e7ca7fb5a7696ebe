using System;
using System.Linq;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Get-AriLogChannel: the logger's channels (GET /asterisk/logging); -LogChannelName keeps the
    /// ones with that name (ARI has no GET for one channel).</summary>
    [Cmdlet(VerbsCommon.Get, "AriLogChannel")]
    [OutputType(typeof(LogChannel))]
    public sealed class GetAriLogChannelCommand : AriConnectedCmdlet
    {
        /// <summary>Names (the file name, such as messages.log, or the full path) to keep; wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "Channel")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.AriLogChannelCompleter))]
        public string[]? LogChannelName { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var all = Send(new AriRequest("GET", "asterisk", "logging"), AriJsonContext.Default.LogChannelArray, LogChannelName);
            if (all is null) return;
            if (LogChannelName is null)
            {
                WriteObject(all, enumerateCollection: true);
                return;
            }
            foreach (var name in LogChannelName)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var found = all.Where(c => Matches(c, pattern)).ToArray();
                if (found.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                    WriteError(AriErrors.Record("AriLogChannelNotFound", ErrorCategory.ObjectNotFound, name, $"There is no log channel '{name}'."));
                WriteObject(found, enumerateCollection: true);
            }
        }

        internal static bool Matches(LogChannel channel, WildcardPattern pattern)
        {
            var slash = channel.Channel.LastIndexOf('/');
            var file = slash < 0 ? channel.Channel : channel.Channel.Substring(slash + 1);
            return pattern.IsMatch(channel.Channel) || pattern.IsMatch(file);
        }

        internal static bool Matches(LogChannel channel, string name) =>
            channel.Channel == name || channel.Channel.EndsWith("/" + name, StringComparison.Ordinal);
    }
}
