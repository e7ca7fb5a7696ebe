using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PSAri.Commands
{
    /// <summary>Lets a certificate parameter take an X509Certificate2 or the path of a PEM or DER certificate file,
    /// relative to the current PowerShell location (not the process's directory).</summary>
    internal sealed class AriCertificateArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is X509Certificate2) return value;
            var path = value switch
            {
                string text => text,
                FileInfo file => file.FullName,
                _ => throw new ArgumentTransformationMetadataException($"Give an X509Certificate2 or the path of a certificate file, not a {value?.GetType().Name ?? "null"}."),
            };
            var full = engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(full)) throw new ArgumentTransformationMetadataException($"The certificate file '{full}' does not exist.");
            try
            {
                return new X509Certificate2(full);
            }
            catch (CryptographicException e)
            {
                throw new ArgumentTransformationMetadataException($"'{full}' holds no certificate PSAri can read (PEM or DER): {e.Message}", e);
            }
        }
    }
}
