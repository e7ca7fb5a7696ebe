using System;

namespace PSAri.Client
{
    /// <summary>An ARI request that failed: the HTTP status (0 when no answer came), ARI's own message and the request.</summary>
    public class AriException : Exception
    {
        /// <summary>The HTTP status code, or 0 when the server could not be reached or did not answer in time.</summary>
        public int StatusCode { get; }
        /// <summary>The request as "METHOD URL" (never with credentials).</summary>
        public string Request { get; }
        public bool IsTimeout { get; }

        public AriException(int statusCode, string message, string request, Exception? inner = null, bool isTimeout = false)
            : base(message, inner)
        {
            StatusCode = statusCode;
            Request = request;
            IsTimeout = isTimeout;
        }
    }
}
