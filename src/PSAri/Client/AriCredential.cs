using System;
using System.Net.Http.Headers;
using System.Text;

namespace PSAri.Client
{
    /// <summary>The user name and the ready Basic Authorization header; the password itself is not kept
    /// and nothing here prints it.</summary>
    internal sealed class AriCredential
    {
        public string UserName { get; }
        public AuthenticationHeaderValue Authorization { get; }

        public AriCredential(string userName, string password)
        {
            if (userName.IndexOf(':') >= 0)
                throw new ArgumentException("An ARI user name cannot contain ':' (Basic authentication separates user and password with it).", nameof(userName));
            UserName = userName;
            Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password)));
        }

        public override string ToString() => UserName;
    }
}
