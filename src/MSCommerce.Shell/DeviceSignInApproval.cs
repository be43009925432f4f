using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace MSCommerce.Shell;

/// <summary>
/// Approves the shell's own device-code sign-in at its local service, as the demo admin would in a browser: through
/// the service's test control over HTTPS (POST /_admin/tenants/{tenant}/device-codes/approve), trusting exactly its certificate.
/// </summary>
public sealed class DeviceSignInApproval(Uri serviceAddress, X509Certificate2 certificate, string tenant, string userPrincipalName) : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is X509Certificate2 seen && seen.Thumbprint == certificate.Thumbprint },
    })
    {
        BaseAddress = serviceAddress,
        Timeout = CallTimeout,
    };

    /// <summary>Approves the sign-ins waiting in the tenant now; answers how many there were.</summary>
    public int ApproveWaiting()
    {
        using var response = _http.PostAsJsonAsync($"_admin/tenants/{Uri.EscapeDataString(tenant)}/device-codes/approve", new { userPrincipalName }).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult().GetProperty("approved").GetInt32();
    }

    public void Dispose() => _http.Dispose();
}
