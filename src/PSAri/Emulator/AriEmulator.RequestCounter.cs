using System.Collections.Generic;
using System.Threading;

namespace PSAri.Emulator
{
    public sealed partial class AriEmulator
    {
        private const int RecentRequestLimit = 100;
        private readonly Queue<string> _recentRequests = new Queue<string>();
        private long _requestCount;

        /// <summary>HTTP requests received (REST calls and WebSocket handshakes, answered or refused), since the start.</summary>
        public long RequestCount => Interlocked.Read(ref _requestCount);

        /// <summary>The last requests received, oldest first, as "METHOD /path" (no query: it may hold an api_key).</summary>
        public string[] RecentRequests
        {
            get { lock (_recentRequests) return _recentRequests.ToArray(); }
        }

        private void CountRequest(string method, string path)
        {
            Interlocked.Increment(ref _requestCount);
            lock (_recentRequests)
            {
                _recentRequests.Enqueue(method + " " + path);
                while (_recentRequests.Count > RecentRequestLimit) _recentRequests.Dequeue();
            }
        }
    }
}
