using System;
using System.Management.Automation;
using System.Net.Http;

namespace PSAri.Bench.Cmdlets
{
    /// <summary>Invoke-BenchGet -Client $http -Uri $uri: the bare HttpClient GET of the REST benchmark, inside a trivial
    /// binary cmdlet. What any cmdlet wrapping that GET costs: the ceiling for Get-AriChannel on this host.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "BenchGet")]
    public sealed class InvokeBenchGetCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public HttpClient Client { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 0)]
        public Uri Uri { get; set; } = null!;

        protected override void ProcessRecord() => WriteObject(Client.GetByteArrayAsync(Uri).GetAwaiter().GetResult());
    }
}
