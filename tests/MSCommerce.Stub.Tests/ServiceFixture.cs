using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>A running local commerce service over real HTTPS on loopback, its SQLite file in a temp folder.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    /// <summary>Customer tenants of the demo partner seeded besides the demo ones (--seed-customers).</summary>
    public const int CustomerTenants = 3;

    private readonly int _seedPurchases;
    private readonly Action<CommerceServiceOptions>? _configure;
    private RSA? _signingKey;
    private string? _signingKeyId;

    public ServiceFixture()
        : this(seedPurchases: 0)
    {
    }

    /// <param name="seedPurchases">Generated purchases in each demo tenant, on top of the demo ones.</param>
    /// <param name="configure">Changes to the options the service starts with (limits, test controls).</param>
    internal ServiceFixture(int seedPurchases, Action<CommerceServiceOptions>? configure = null)
    {
        _seedPurchases = seedPurchases;
        _configure = configure;
    }

    /// <summary>A service of its own with the given options, started; dispose it at the end of the test.</summary>
    internal static async Task<ServiceFixture> StartOwnAsync(Action<CommerceServiceOptions> configure)
    {
        var service = new ServiceFixture(0, configure);
        await service.InitializeAsync();
        return service;
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mscommerce-stub-" + Guid.NewGuid().ToString("N"));

    public CommerceService Service { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string DatabasePath => Path.Combine(Folder, "commerce.db");

    /// <summary>The service's token-signing key, read from beside its database: how tests forge tokens the signature check accepts.</summary>
    public RSA SigningKey => _signingKey ??= LoadSigningKey();

    /// <summary>The kid the service puts in its tokens' headers, as its JWKS publishes it.</summary>
    public string SigningKeyId => _signingKeyId ??= Json(Send(HttpMethod.Get, $"{DemoData.ContosoDomain}/discovery/v2.0/keys", null)).GetProperty("keys")[0].GetProperty("kid").GetString()!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await StartAsync();
    }

    public async Task StartAsync(string urls = "https://127.0.0.1:0")
    {
        var options = new CommerceServiceOptions { Urls = urls, DatabasePath = DatabasePath, Seed = "demo", SeedPurchases = _seedPurchases, SeedTenants = CustomerTenants, EnableTestControls = true, RateLimitPerSecond = 0 };
        _configure?.Invoke(options);
        Service = await CommerceService.StartAsync(options);
        Http = TrustingClient(Service);
    }

    /// <summary>Stops and starts the service on the same address (tokens name their issuer, which includes it).</summary>
    public async Task RestartAsync()
    {
        var address = Service.BaseAddress;
        Http.Dispose();
        await Service.DisposeAsync();
        await StartAsync($"https://127.0.0.1:{address.Port}");
    }

    public static HttpClient TrustingClient(CommerceService service)
    {
        var thumbprint = service.Certificate.Thumbprint;
        return new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint })
        {
            BaseAddress = service.BaseAddress,
        };
    }

    public string Token(string userPrincipalName, string tenant = DemoData.ContosoDomain, string? resource = null, int? lifetimeSeconds = null) =>
        Admin("_admin/tokens", new { tenant, userPrincipalName, resource, lifetimeSeconds }).GetProperty("accessToken").GetString()!;

    public string AppToken(string clientId, string tenant = DemoData.ContosoDomain) =>
        Admin("_admin/tokens", new { tenant, clientId }).GetProperty("accessToken").GetString()!;

    public JsonElement Admin(string path, object body)
    {
        using var response = Http.PostAsJsonAsync(path, body).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public HttpResponseMessage Send(HttpMethod method, string path, string? token, string? body = null, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        return Http.Send(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Sends a request, checks the answer's status and returns its JSON body (default when it has none).</summary>
    public async Task<JsonElement> ExpectAsync(HttpStatusCode status, HttpMethod method, string path, string? token, string? body = null)
    {
        using var response = await SendAsync(method, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> AdminAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> TokenAsync(string userPrincipalName, string tenant = DemoData.ContosoDomain, string? resource = null) =>
        (await AdminAsync("_admin/tokens", new { tenant, userPrincipalName, resource })).GetProperty("accessToken").GetString()!;

    public async Task<string> AppTokenAsync(string clientId, string tenant = DemoData.ContosoDomain, string? resource = null) =>
        (await AdminAsync("_admin/tokens", new { tenant, clientId, resource })).GetProperty("accessToken").GetString()!;

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static JsonElement Json(HttpResponseMessage response) =>
        JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.Clone();

    /// <summary>A tenant of its own with a Global Administrator, for tests that change policies.</summary>
    public (string Domain, string AdminToken) NewTenant(string country = "US", string tenantType = "Commercial")
    {
        var domain = $"t{Guid.NewGuid():N}.onmicrosoft.com";
        Admin("_admin/tenants", new { domain, country, tenantType });
        Admin($"_admin/tenants/{domain}/users", new { userPrincipalName = "admin@" + domain, roles = new[] { "GlobalAdministrator" } });
        return (domain, Token("admin@" + domain, domain));
    }

    private RSA LoadSigningKey()
    {
        var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(DatabasePath + ".signing-key.pem"));
        return key;
    }

    public async Task DisposeAsync()
    {
        _signingKey?.Dispose();
        Http.Dispose();
        await Service.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<ServiceFixture>
{
    public const string Name = "Local commerce service";
}

internal static class Responses
{
    public static void AssertStatus(this HttpResponseMessage response, HttpStatusCode status) =>
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
}
