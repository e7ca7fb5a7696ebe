using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Commands
{
    /// <summary>Base of every PSAri cmdlet: one cancellation source per invocation, cancelled by Ctrl+C
    /// (StopProcessing) and passed to every network call.</summary>
    public abstract class AriCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        protected CancellationToken Cancel => _cancel.Token;

        protected override void StopProcessing() => _cancel.Cancel();

        /// <summary>Cancels this invocation's network calls and waits, as Ctrl+C does.</summary>
        private protected void CancelWork() => _cancel.Cancel();

        /// <summary>Waits for a task on the pipeline thread; Ctrl+C surfaces as PipelineStoppedException.</summary>
        protected T Await<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (Cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected void Await(Task task) => Await(AsBool(task));

        /// <summary>A -Credential as the client holds it; a user name ARI cannot take ends the command with AriInvalidCredential.</summary>
        private protected Client.AriCredential ToAriCredential(PSCredential credential)
        {
            try
            {
                return new Client.AriCredential(credential.UserName, credential.GetNetworkCredential().Password);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "AriInvalidCredential", ErrorCategory.InvalidArgument, credential.UserName));
                throw; // not reached: ThrowTerminatingError throws
            }
        }

        private static async Task<bool> AsBool(Task task)
        {
            await task.ConfigureAwait(false);
            return true;
        }

        public void Dispose()
        {
            _cancel.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
