using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Testing;

/// <summary>
/// The local service's test controls (/_admin) over HTTPS pinned to its certificate: what tests arrange
/// (tenants, users, tokens, faults, settings, the clock, device-code approval) and what they read back
/// (the request and audit logs). Paths are relative to the service, e.g. "_admin/tokens"; an answer that
/// is not a success throws with its status and body.
/// </summary>
public sealed class AdminClient(Uri baseAddress, X509Certificate2 certificate, TimeSpan? timeout = null) : IDisposable
{
    /// <summary>A client of the whole service (API and test controls) that trusts exactly its certificate.</summary>
    public HttpClient Http { get; } = PinnedHttp.Client(baseAddress, certificate, timeout);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public JsonElement Send(HttpMethod method, string path, object? body = null) => SendAsync(method, path, body).GetAwaiter().GetResult();

    public Task<JsonElement> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public JsonElement Post(string path, object body) => Send(HttpMethod.Post, path, body);

    public Task<JsonElement> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public JsonElement Get(string path) => Send(HttpMethod.Get, path);

    public JsonElement Put(string path, object body) => Send(HttpMethod.Put, path, body);

    public Task<JsonElement> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public void Delete(string path) => Send(HttpMethod.Delete, path);

    /// <summary>A token the service issues for a user of a tenant, as its token endpoint would.</summary>
    public async Task<string> TokenAsync(string userPrincipalName, string tenant = DemoData.ContosoDomain, string? resource = null, int? lifetimeSeconds = null) =>
        AccessToken(await PostAsync("_admin/tokens", new { tenant, userPrincipalName, resource, lifetimeSeconds }));

    public string Token(string userPrincipalName, string tenant = DemoData.ContosoDomain, string? resource = null, int? lifetimeSeconds = null) =>
        TokenAsync(userPrincipalName, tenant, resource, lifetimeSeconds).GetAwaiter().GetResult();

    /// <summary>A token the service issues for an application (client credentials), as its token endpoint would.</summary>
    public async Task<string> AppTokenAsync(string clientId, string tenant = DemoData.ContosoDomain, string? resource = null) =>
        AccessToken(await PostAsync("_admin/tokens", new { tenant, clientId, resource }));

    public string AppToken(string clientId, string tenant = DemoData.ContosoDomain, string? resource = null) =>
        AppTokenAsync(clientId, tenant, resource).GetAwaiter().GetResult();

    /// <summary>A tenant of its own with a Global Administrator, for tests that change state; with that administrator's token.</summary>
    public (string Domain, string AdminToken) NewTenant(string country = "US", string tenantType = "Commercial")
    {
        var domain = $"t{Guid.NewGuid():N}.onmicrosoft.com";
        Post("_admin/tenants", new { domain, country, tenantType });
        Post($"_admin/tenants/{domain}/users", new { userPrincipalName = "admin@" + domain, roles = new[] { "GlobalAdministrator" } });
        return (domain, Token("admin@" + domain, domain));
    }

    /// <summary>Approves, as the given user, every device-code sign-in waiting in the tenant; answers how many.</summary>
    public async Task<int> ApproveDeviceSignInsAsync(string tenant, string userPrincipalName, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, $"_admin/tenants/{tenant}/device-codes/approve", new { userPrincipalName }, cancellationToken)).GetProperty("approved").GetInt32();

    public void Fault(object fault) => Post("_admin/faults", fault);

    public void ClearFaults() => Delete("_admin/faults");

    /// <summary>The API calls the service received since the log was last cleared.</summary>
    public IReadOnlyList<JsonElement> Requests(string? method = null) =>
        Get("_admin/requests" + (method is null ? "" : $"?method={method}")).EnumerateArray().ToList();

    public void ClearRequests() => Delete("_admin/requests");

    /// <summary>The policy changes the service has audited for a tenant.</summary>
    public int AuditCount(string tenant) => Get($"_admin/tenants/{tenant}/audit").GetArrayLength();

    public void Dispose() => Http.Dispose();

    private static string AccessToken(JsonElement answer) => answer.GetProperty("accessToken").GetString()!;
}
