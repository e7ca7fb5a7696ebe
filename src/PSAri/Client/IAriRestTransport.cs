using System;
using System.Threading;
using System.Threading.Tasks;

namespace PSAri.Client
{
    /// <summary>Another way than HTTP to carry a connection's REST requests (see <see cref="AriRestClient.Transport"/>).
    /// It answers like the HTTP path: an <see cref="AriResponse"/> for 2xx, else an <see cref="AriException"/> with ARI's
    /// status and message; a timeout is an AriException with IsTimeout; <paramref name="cancel"/> (Ctrl+C) an
    /// OperationCanceledException.</summary>
    internal interface IAriRestTransport : IDisposable
    {
        /// <summary>The name -Verbose and AriConnection.Transport show ("WebSocket").</summary>
        string Name { get; }

        /// <summary>The request as error messages and -Verbose show it; never with credentials.</summary>
        string Describe(AriRequest request);

        Task<AriResponse> SendAsync(AriRequest request, TimeSpan timeout, CancellationToken cancel);
    }
}
