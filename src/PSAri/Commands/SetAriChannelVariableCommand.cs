using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text.Json;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Set-AriChannelVariable: sets a channel variable or dialplan function
    /// (POST /channels/{id}/variable), or several at once (POST /channels/{id}/variables with a JSON body,
    /// Asterisk 22.10+). Asterisk sends ChannelVarset for each variable.</summary>
    [Cmdlet(VerbsCommon.Set, "AriChannelVariable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "One")]
    [OutputType(typeof(ChannelVariable))]
    public sealed class SetAriChannelVariableCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriChannelCompleter))]
        public string ChannelId { get; set; } = "";

        /// <summary>The variable or function to set, such as MYVAR or CALLERID(num).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = "One")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The value; without it the variable is unset.</summary>
        [Parameter(Position = 2, ParameterSetName = "One")]
        [AllowEmptyString]
        public string? Value { get; set; }

        /// <summary>Several variables at once: @{ NAME = 'value'; ... }.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Several")]
        [ValidateNotNullOrEmpty]
        public Hashtable? Variable { get; set; }

        /// <summary>Include the variables in channelvars of the channel's later snapshots (report_events).</summary>
        [Parameter]
        public SwitchParameter ReportEvents { get; set; }

        /// <summary>Write the variables, read back from the channel, instead of nothing.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            var channelId = ChannelId;
            Dictionary<string, string?> values;
            AriRequest request;
            if (ParameterSetName == "One")
            {
                values = new Dictionary<string, string?> { [Name] = Value };
                if (!ShouldProcess(channelId, Value is null ? $"Unset variable {Name}" : $"Set variable {Name} to '{Value}'")) return;
                request = new AriRequest("POST", "channels", channelId, "variable").With("variable", Name).With("value", Value);
                if (ReportEvents) request.With("report_events", true);
            }
            else
            {
                values = new Dictionary<string, string?>();
                foreach (var pair in AriConvert.ToStringDictionary(Variable)!)
                    values[pair.Key] = pair.Value;
                if (!ShouldProcess(channelId, $"Set variables {string.Join(", ", values.Keys)}")) return;
                request = new AriRequest("POST", "channels", channelId, "variables");
                if (ReportEvents) request.JsonBody = VariablesWithReportEvents(values);
                else request.WithVariables(AriConvert.ToStringDictionary(Variable));
            }
            if (Send(request, channelId) is null || !PassThru) return;
            var connection = ActiveConnection;
            foreach (var pair in values)
            {
                // Asterisk unsets a variable set without a value, and reads an empty one as "not found": only
                // non-empty values are read back (a function such as CALLERID(num) reads back what it became).
                if (string.IsNullOrEmpty(pair.Value))
                {
                    WriteObject(new ChannelVariable(channelId, pair.Key, "", connection));
                    continue;
                }
                var variable = Send(new AriRequest("GET", "channels", channelId, "variable").With("variable", pair.Key), AriJsonContext.Default.Variable, channelId);
                if (variable != null) WriteObject(new ChannelVariable(channelId, pair.Key, variable.Value, connection));
            }
        }

        /// <summary>{"variables":{"NAME":{"value":"v","report_events":true}, ...}}: the form that asks for channelvars.</summary>
        private static byte[] VariablesWithReportEvents(Dictionary<string, string?> values)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteStartObject("variables");
                foreach (var pair in values)
                {
                    w.WriteStartObject(pair.Key);
                    w.WriteString("value", pair.Value ?? "");
                    w.WriteBoolean("report_events", true);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            return stream.ToArray();
        }
    }
}
