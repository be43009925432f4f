using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>
/// The local commerce service on a free loopback port with the demo data and test controls, its
/// SQLite database in a temp folder of its own; /_admin calls go over HTTPS trusting its certificate.
/// </summary>
public class LocalServiceFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mscommerce-tests-" + Guid.NewGuid().ToString("N"));
    private CommerceService? _service;
    private HttpClient? _admin;

    public Uri BaseAddress => Service.BaseAddress;

    public X509Certificate2 Certificate => Service.Certificate;

    public CommerceService Service => _service ?? throw new InvalidOperationException("The local commerce service has not started.");

    public HttpClient Admin => _admin ?? throw new InvalidOperationException("The local commerce service has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _service = await CommerceService.StartAsync(Configure(new CommerceServiceOptions
        {
            DatabasePath = Path.Combine(_folder, "commerce.db"),
            Seed = "demo",
            EnableTestControls = true,
            RateLimitPerSecond = 0,
        }));
        var thumbprint = _service.Certificate.Thumbprint;
        _admin = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        })
        { BaseAddress = _service.BaseAddress };
    }

    /// <summary>Where a fixture of its own changes how the service starts (more products, a rate limit).</summary>
    protected virtual CommerceServiceOptions Configure(CommerceServiceOptions options) => options;

    /// <summary>A token the service issues for a user of a tenant, as its token endpoint would.</summary>
    public string TokenFor(string userPrincipalName, string tenant = DemoData.ContosoDomain, int? lifetimeSeconds = null) =>
        Post("_admin/tokens", new { tenant, userPrincipalName, lifetimeSeconds }).GetProperty("accessToken").GetString()!;

    public JsonElement Post(string path, object body)
    {
        using var response = Admin.PostAsJsonAsync(path, body).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public JsonElement Get(string path) => JsonDocument.Parse(Admin.GetStringAsync(path).GetAwaiter().GetResult()).RootElement.Clone();

    /// <summary>The policy changes the service has audited for a tenant.</summary>
    public int AuditCount(string tenant) => Get($"_admin/tenants/{tenant}/audit").GetArrayLength();

    public void Put(string path, object body)
    {
        using var response = Admin.PutAsJsonAsync(path, body).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    public void Send(HttpMethod method, string path)
    {
        using var response = Admin.Send(new HttpRequestMessage(method, path));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The API calls the service received since the log was last cleared.</summary>
    public IReadOnlyList<JsonElement> Requests(string? method = null)
    {
        var query = method is null ? "" : $"?method={method}";
        var text = Admin.GetStringAsync("_admin/requests" + query).GetAwaiter().GetResult();
        return JsonDocument.Parse(text).RootElement.EnumerateArray().Select(item => item.Clone()).ToList();
    }

    public void ClearRequests() => Send(HttpMethod.Delete, "_admin/requests");

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
