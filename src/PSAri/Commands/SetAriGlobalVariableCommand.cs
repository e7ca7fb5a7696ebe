using System.Management.Automation;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Set-AriGlobalVariable: sets (or, without -Value, empties) a global variable (POST /asterisk/variable).</summary>
    [Cmdlet(VerbsCommon.Set, "AriGlobalVariable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Variable))]
    public sealed class SetAriGlobalVariableCommand : AriConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string Variable { get; set; } = "";

        /// <summary>The new value; leave it out to empty the variable.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Value { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessConnectionRecord()
        {
            if (!ShouldProcess(Variable, "Set global variable")) return;
            var response = Send(new AriRequest("POST", "asterisk", "variable").With("variable", Variable).With("value", Value), Variable);
            if (response is null || !PassThru) return;
            var value = Send(new AriRequest("GET", "asterisk", "variable").With("variable", Variable), AriJsonContext.Default.Variable, Variable);
            if (value != null) WriteObject(value);
        }
    }
}
