using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using PSAri.Client;

namespace PSAri.Commands
{
    /// <summary>Fleets: -Connection $a,$b runs the cmdlet's per-record work (<see cref="ProcessConnectionRecord"/>) once
    /// per connection. Reads (Get-*, Ping-*, Wait-AriEvent) run on all connections at once, each on a worker thread
    /// whose writes are handed to the pipeline thread, so the time is that of the slowest server. Actions run on each connection in
    /// turn, on the pipeline thread, and -WhatIf/-Confirm name the server. A connection that is closed, down or
    /// refuses the credentials gets its own error record (target: the connection); the others go on.</summary>
    public abstract partial class AriConnectedCmdlet
    {
        /// <summary>The connection of the run in progress (and, on a worker, where its writes go); null outside a
        /// run over several connections, where <see cref="ActiveConnection"/> resolves -Connection as before.</summary>
        private readonly AsyncLocal<FleetRun?> _run = new AsyncLocal<FleetRun?>();

        private sealed class FleetRun
        {
            public FleetRun(AriConnection connection, BlockingCollection<Action>? outbox)
            {
                Connection = connection;
                Outbox = outbox;
            }

            public AriConnection Connection { get; }
            /// <summary>Writes waiting for the pipeline thread; null when the run is on the pipeline thread.</summary>
            public BlockingCollection<Action>? Outbox { get; }
        }

        /// <summary>A terminating error raised on a worker, rethrown on the pipeline thread.</summary>
        private sealed class WorkerTerminatingError : Exception
        {
            public WorkerTerminatingError(ErrorRecord record) : base(record.Exception?.Message) => Record = record;
            public ErrorRecord Record { get; }
        }

        /// <summary>What ProcessRecord does for one connection.</summary>
        protected virtual void ProcessConnectionRecord()
        {
        }

        /// <summary>Whether this cmdlet only reads, so it runs on several connections at once.</summary>
        private protected virtual bool ReadsOnly
        {
            get
            {
                var verb = ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute))).VerbName;
                return verb == VerbsCommon.Get || verb == VerbsDiagnostic.Ping;
            }
        }

        protected sealed override void ProcessRecord()
        {
            if (!(Connection is { Length: > 1 }))
            {
                ProcessConnectionRecord();
                return;
            }
            var open = OpenTargets(report: true);
            if (ReadsOnly) RunAtOnce(open);
            else
                foreach (var connection in open)
                {
                    _run.Value = new FleetRun(connection, null);
                    try { ProcessConnectionRecord(); }
                    finally { _run.Value = null; }
                }
        }

        /// <summary>The open connections of -Connection, each once; with <paramref name="report"/>, an error for each closed one.</summary>
        private protected IReadOnlyList<AriConnection> OpenTargets(bool report)
        {
            var open = new List<AriConnection>();
            foreach (var connection in Connection!.Where(c => c != null).Distinct())
            {
                if (connection.IsOpen) open.Add(connection);
                else if (report) WriteError(AriErrors.Record("AriConnectionClosed", ErrorCategory.ConnectionError, connection,
                    $"The ARI connection {connection} was closed by Disconnect-Ari.", "Connect again with Connect-Ari."));
            }
            return open;
        }

        /// <summary>Runs <see cref="ProcessConnectionRecord"/> on a worker per connection; the pipeline thread writes
        /// what they write, in each connection's own order, until the last one ends.</summary>
        private void RunAtOnce(IReadOnlyList<AriConnection> connections)
        {
            var outbox = new BlockingCollection<Action>();
            var running = connections.Count;
            foreach (var connection in connections)
            {
                Task.Run(() =>
                {
                    _run.Value = new FleetRun(connection, outbox);
                    try
                    {
                        ProcessConnectionRecord();
                    }
                    catch (WorkerTerminatingError e)
                    {
                        Post(outbox, () => base.ThrowTerminatingError(e.Record));
                    }
                    catch (Exception e)
                    {
                        var captured = ExceptionDispatchInfo.Capture(e);
                        Post(outbox, () => captured.Throw());
                    }
                    finally
                    {
                        if (Interlocked.Decrement(ref running) == 0) outbox.CompleteAdding();
                    }
                });
            }
            var finished = false;
            try
            {
                foreach (var write in outbox.GetConsumingEnumerable(Cancel)) write();
                finished = true;
            }
            catch (OperationCanceledException) when (Cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                // Left early (a terminating error, Ctrl+C, a stopped pipeline): stop the other workers, which may be
                // waiting for events or for this thread (OnPipelineThread), which no longer runs their work.
                if (!finished) CancelWork();
            }
        }

        /// <summary>Runs <paramref name="work"/> on the pipeline thread (scriptblocks run only there) and returns its
        /// result; from a worker, the pipeline thread runs it between writes while the worker waits.</summary>
        private protected T OnPipelineThread<T>(Func<T> work)
        {
            if (!(_run.Value?.Outbox is { } outbox)) return work();
            var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(outbox, () =>
            {
                try { result.SetResult(work()); }
                catch (Exception e) { result.SetException(e); }
            });
            try
            {
                result.Task.Wait(Cancel);
            }
            catch (OperationCanceledException) when (Cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (AggregateException)
            {
                // rethrown below as the exception work threw
            }
            return result.Task.GetAwaiter().GetResult();
        }

        /// <summary>Queues a write for the pipeline thread; after the pipeline left (a terminating error), it is dropped.</summary>
        private static void Post(BlockingCollection<Action> outbox, Action write)
        {
            try { outbox.Add(write); }
            catch (InvalidOperationException) { }
        }

        /// <summary>Runs a write here on the pipeline thread, or hands it to the pipeline thread from a worker.</summary>
        private void Write(Action write)
        {
            if (_run.Value?.Outbox is { } outbox) Post(outbox, write);
            else write();
        }

        // The writes of the cmdlets: PowerShell allows them only on the pipeline thread, so on a worker they are queued.
        protected new void WriteObject(object? value) => Write(() => base.WriteObject(value));
        protected new void WriteObject(object? value, bool enumerateCollection) => Write(() => base.WriteObject(value, enumerateCollection));
        protected new void WriteError(ErrorRecord record) => Write(() => base.WriteError(record));
        protected new void WriteWarning(string text) => Write(() => base.WriteWarning(text));
        protected new void WriteVerbose(string text) => Write(() => base.WriteVerbose(text));
        protected new void WriteDebug(string text) => Write(() => base.WriteDebug(text));

        protected new void ThrowTerminatingError(ErrorRecord record)
        {
            if (_run.Value?.Outbox != null) throw new WorkerTerminatingError(record);
            base.ThrowTerminatingError(record);
        }

        /// <summary>-WhatIf/-Confirm: with several connections, says which server the action is for.</summary>
        protected new bool ShouldProcess(string target, string action) =>
            base.ShouldProcess(_run.Value is { } run ? $"{target} on {run.Connection.Name}" : target, action);

        /// <summary>With several connections, an error about the server itself (no answer, credentials refused) or
        /// about no object in particular has the connection as its target, so the failing server is known.</summary>
        private object? FleetTarget(AriException e, object? target, AriConnection connection) =>
            _run.Value != null && (e.StatusCode == 0 || e.StatusCode == 401 || target is null) ? connection : target;
    }
}
