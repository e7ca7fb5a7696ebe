using System.Collections;
using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Set-AriBridgeVariable: sets one bridge variable (POST /bridges/{id}/variable) or several from a
    /// hashtable (POST /bridges/{id}/variables, JSON body).</summary>
    [Cmdlet(VerbsCommon.Set, "AriBridgeVariable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "One")]
    [OutputType(typeof(Bridge))]
    public sealed class SetAriBridgeVariableCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AriBridgeCompleter))]
        public string BridgeId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = "One")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The value; without it the variable is set to an empty value.</summary>
        [Parameter(Position = 2, ParameterSetName = "One")]
        [AllowEmptyString]
        public string? Value { get; set; }

        /// <summary>Asterisk reports later changes of the variable in events.</summary>
        [Parameter(ParameterSetName = "One")]
        public SwitchParameter ReportEvents { get; set; }

        /// <summary>Several variables at once: @{ NAME = 'value' }.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Many")]
        [ValidateNotNull]
        public Hashtable Variable { get; set; } = null!;

        /// <summary>Write the bridge (read again) after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            AriRequest request;
            if (ParameterSetName == "Many")
            {
                if (Variable.Count == 0)
                    ThrowTerminatingError(AriErrors.Record("AriNoVariables", ErrorCategory.InvalidArgument, Variable, "-Variable holds no variables."));
                if (!ShouldProcess(BridgeId, $"Set {Variable.Count} variable(s)")) return;
                request = new AriRequest("POST", "bridges", BridgeId, "variables").WithVariables(AriConvert.ToStringDictionary(Variable));
            }
            else
            {
                if (!ShouldProcess(BridgeId, $"Set variable {Name}")) return;
                request = new AriRequest("POST", "bridges", BridgeId, "variable").With("variable", Name).With("value", Value);
                if (MyInvocation.BoundParameters.ContainsKey(nameof(ReportEvents)))
                    request.With("report_events", ReportEvents.IsPresent);
            }
            if (Send(request, BridgeId) is null || !PassThru) return;
            var bridge = Send(new AriRequest("GET", "bridges", BridgeId), AriJsonContext.Default.Bridge, BridgeId);
            if (bridge != null) WriteObject(bridge);
        }
    }
}
