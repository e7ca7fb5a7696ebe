using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PSAri.Client;
using PSAri.Model;

namespace PSAri.Commands
{
    /// <summary>Base of cmdlets that talk to a server: resolves -Connection (bound from a piped event or object,
    /// else the runspace's default), sends requests with -Verbose tracing, and turns ARI failures into
    /// non-terminating errors so one bad item does not stop the pipeline.</summary>
    public abstract partial class AriConnectedCmdlet : AriCmdlet
    {
        /// <summary>The ARI connection(s) to use, or their names; defaults to the runspace's default (the last
        /// Connect-Ari). With several, the command runs once per connection (see AriConnectedCmdlet.Fleet.cs).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AriConnectionArgument]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.AriConnectionNameCompleter))]
        public AriConnection[]? Connection { get; set; }

        /// <summary>The longest wait for each answer of this command, in seconds; by default Connect-Ari's -TimeoutSec.</summary>
        [Parameter]
        [ValidateRange(0.001, 86400)]
        public double TimeoutSec { get; set; }

        /// <summary>-TimeoutSec when given; null means the connection's default.</summary>
        private protected System.TimeSpan? CallTimeout =>
            MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? System.TimeSpan.FromSeconds(TimeoutSec) : (System.TimeSpan?)null;

        protected AriConnection ActiveConnection
        {
            get
            {
                if (Connection is { Length: 0 })
                    ThrowTerminatingError(AriErrors.Record("AriNoConnection", ErrorCategory.InvalidArgument, null,
                        "-Connection is empty.", "Pass connections from Connect-Ari or Get-AriConnection, or leave -Connection out to use the default."));
                var connection = _run.Value?.Connection ?? Connection?[0] ?? AriSessionState.Current.Default;
                if (connection is null)
                    ThrowTerminatingError(AriErrors.Record("AriNoConnection", ErrorCategory.ConnectionError, null,
                        "There is no ARI connection.", "Run Connect-Ari -BaseUri <uri> -Credential <credential> first, or pass -Connection."));
                if (!connection!.IsOpen)
                    ThrowTerminatingError(AriErrors.Record("AriConnectionClosed", ErrorCategory.ConnectionError, connection,
                        $"The ARI connection {connection} was closed by Disconnect-Ari.", "Connect again with Connect-Ari."));
                return connection;
            }
        }

        /// <summary>Sends a request; on failure writes the error (target: the id acted on) and returns null.</summary>
        private protected AriResponse? Send(AriRequest request, object? target)
        {
            var connection = ActiveConnection;
            if (request.Problem != null)
            {
                WriteError(new ErrorRecord(new System.ArgumentException(request.Problem), "AriInvalidId", ErrorCategory.InvalidArgument, target));
                return null;
            }
            if (request.JsonBody != null)
                WriteDebug($"{request.Method} {request.PathAndQuery()} request body: {DebugText(request.JsonBody, null)}");
            try
            {
                var response = Await(connection.Rest.SendAsync(request, Cancel, CallTimeout));
                Trace($"{response.Request} -> {response.StatusCode} {response.ReasonPhrase} ({response.Elapsed.TotalMilliseconds:0} ms)");
                if (response.Body.Length > 0)
                    WriteDebug($"{response.Request} response body ({response.ContentType ?? "no content type"}, {response.Body.Length} bytes): {DebugText(response.Body, response.ContentType)}");
                return response;
            }
            catch (AriException e)
            {
                Trace($"{e.Request} -> {(e.StatusCode == 0 ? "no answer" : e.StatusCode.ToString())}: {e.Message}");
                WriteDebug($"{e.Request} failed: {e.Message}");
                WriteError(AriErrors.Record(e, FleetTarget(e, target, connection)));
                return null;
            }
        }

        /// <summary>The line of an HTTP call: to the verbose stream; with -Debug but not -Verbose, to the debug stream,
        /// because PowerShell makes a compiled cmdlet given -Debug alone ask before each verbose line.</summary>
        private void Trace(string line)
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey("Debug") && !bound.ContainsKey("Verbose"))
                WriteDebug(line);
            else
                WriteVerbose(line);
        }

        /// <summary>How many characters of a body -Debug shows; the rest is counted, not written.</summary>
        private const int DebugBodyLimit = 2000;

        /// <summary>A body for -Debug: JSON and text as text, cut at <see cref="DebugBodyLimit"/>; audio and other
        /// binary bodies only by size. Bodies are ARI's JSON, never headers, so no credentials are written.</summary>
        private static string DebugText(byte[] body, string? contentType)
        {
            var textual = contentType is null || contentType.StartsWith("text/", System.StringComparison.OrdinalIgnoreCase)
                || contentType.IndexOf("json", System.StringComparison.OrdinalIgnoreCase) >= 0;
            if (!textual) return $"[{body.Length} bytes of {contentType}]";
            var text = System.Text.Encoding.UTF8.GetString(body, 0, System.Math.Min(body.Length, DebugBodyLimit * 4));
            return text.Length <= DebugBodyLimit ? text : text.Substring(0, DebugBodyLimit) + $"... [{body.Length} bytes in all]";
        }

        /// <summary>Sends a request and reads the answer as a model stamped with the connection; null after an error.</summary>
        private protected T? Send<T>(AriRequest request, JsonTypeInfo<T> type, object? target) where T : class
        {
            var response = Send(request, target);
            if (response is null) return null;
            try
            {
                var value = response.Deserialize(type);
                Stamp(value, ActiveConnection);
                return value;
            }
            catch (JsonException e)
            {
                WriteError(new ErrorRecord(new AriProtocolException($"{response.Request} answered {response.StatusCode} with a body PSAri cannot read: {e.Message}", e),
                    "AriUnreadableResponse", ErrorCategory.InvalidData, target));
                return null;
            }
        }

        /// <summary>An action Asterisk answers without a body: ShouldProcess, the request, then with -PassThru the
        /// object acted on, read again with <paramref name="readBack"/>.</summary>
        private protected void Act<T>(string target, string action, AriRequest request, bool passThru, AriRequest readBack, JsonTypeInfo<T> type) where T : class
        {
            if (!ShouldProcess(target, action)) return;
            if (Send(request, target) is null || !passThru) return;
            var value = Send(readBack, type, target);
            if (value != null) WriteObject(value);
        }

        /// <summary>Blocks until the waiter's event came (null on timeout); Ctrl+C ends the wait at once.</summary>
        private protected AriMessage? WaitFor(AriEventWaiter waiter, System.TimeSpan timeout)
        {
            try
            {
                return waiter.Wait(timeout, Cancel);
            }
            catch (System.OperationCanceledException) when (Cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (System.ObjectDisposedException)
            {
                // Disconnect-Ari closed the connection while this waited.
                ThrowTerminatingError(AriErrors.Record("AriConnectionClosed", ErrorCategory.ConnectionError, null,
                    "The ARI connection was closed while waiting for an event."));
                return null;
            }
            catch (AriException e)
            {
                // The last event stream ended: no later wait of this command can be answered either.
                ThrowTerminatingError(AriErrors.Record(e, null));
                return null;
            }
        }

        /// <summary>Stamps the connection on an answer: one model or a list of them.</summary>
        internal static void Stamp(object value, AriConnection connection)
        {
            if (value is AriObject single)
                single.Attach(connection);
            else if (value is AriObject[] many)
                foreach (var item in many) item?.Attach(connection); // a null in a list (never from Asterisk) must not crash the cmdlet
        }
    }
}
