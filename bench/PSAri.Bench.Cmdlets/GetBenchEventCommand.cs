using System.Management.Automation;

namespace PSAri.Bench.Cmdlets
{
    /// <summary>Get-BenchEvent -Count N: writes N prebuilt StasisStart events (a pool of distinct objects built
    /// before the first is written, written round-robin): the pipeline's own ceiling, with no socket or parser.</summary>
    [Cmdlet(VerbsCommon.Get, "BenchEvent")]
    public sealed class GetBenchEventCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public int Count { get; set; }

        protected override void EndProcessing()
        {
            var pool = EventPool.Build();
            for (var i = 0; i < Count; i++)
                WriteObject(pool[i % pool.Length]);
        }
    }
}
