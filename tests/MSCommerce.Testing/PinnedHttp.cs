using System.Security.Cryptography.X509Certificates;

namespace MSCommerce.Testing;

/// <summary>HTTPS clients of the local service that trust exactly its certificate: validation stays on, nothing else is trusted.</summary>
public static class PinnedHttp
{
    public static HttpClient Client(Uri baseAddress, X509Certificate2 certificate, TimeSpan? timeout = null)
    {
        var thumbprint = certificate.Thumbprint;
        var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is X509Certificate2 seen && seen.Thumbprint == thumbprint },
        })
        {
            BaseAddress = baseAddress,
        };
        if (timeout is { } limit)
        {
            http.Timeout = limit;
        }

        return http;
    }
}
