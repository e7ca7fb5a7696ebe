using System;

namespace PSAri.Client
{
    /// <summary>A connection to one Asterisk server's ARI. Never holds the password in a readable property.</summary>
    public sealed class AriConnection
    {
        public Uri BaseUri { get; }
        public string UserName { get; }

        internal AriConnection(Uri baseUri, string userName)
        {
            BaseUri = baseUri;
            UserName = userName;
        }

        public override string ToString() => $"{UserName}@{BaseUri}";
    }
}
