using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PSAri.Client;

namespace PSAri.Commands
{
    public sealed partial class ReceiveAriEventCommand
    {
        /// <summary>Opens the event stream of each connection, all at once. With one connection a failure ends the
        /// command; with several, a connection that fails gets an error record (target: it) and the others are read.
        /// Null when no stream opened.</summary>
        private AriEventMerge? OpenStreams(AriReconnectPolicy policy)
        {
            var connections = Connection is { Length: > 1 } ? OpenTargets(report: false) : new[] { ActiveConnection };
            var opening = connections.Select(c => AriEventStream.OpenAsync(c, App, SubscribeAll, Cancel, policy)).ToArray();
            var opened = new List<(AriConnection, AriEventStream)>();
            var i = 0;
            try
            {
                for (; i < opening.Length; i++)
                {
                    try
                    {
                        opened.Add((connections[i], Await(opening[i])));
                    }
                    catch (AriException e) when (connections.Count > 1)
                    {
                        WriteError(AriErrors.Record(e, connections[i]));
                    }
                }
            }
            catch (Exception e)
            {
                // Invalid app, one failing connection, Ctrl+C: close what opened, including streams still opening.
                foreach (var (_, stream) in opened) stream.Dispose();
                for (i++; i < opening.Length; i++)
                    opening[i].ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
                switch (e)
                {
                    case ArgumentException invalid:
                        ThrowTerminatingError(new ErrorRecord(invalid, "AriInvalidApp", ErrorCategory.InvalidArgument, App));
                        break;
                    case AriException failed:
                        ThrowTerminatingError(AriErrors.Record(failed, App));
                        break;
                }
                throw;
            }
            return opened.Count == 0 ? null : new AriEventMerge(opened);
        }
    }
}
