using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MSCommerce.Stub.Tests;

/// <summary>The kit's local service with the demo partner's customers, and the API calls the service tests make of it.</summary>
public sealed class ServiceFixture : LocalService
{
    /// <summary>Customer tenants of the demo partner seeded besides the demo ones (--seed-customers).</summary>
    public const int CustomerTenants = 3;

    private RSA? _signingKey;
    private string? _signingKeyId;

    public ServiceFixture()
        : this(seedPurchases: 0)
    {
    }

    /// <param name="seedPurchases">Generated purchases in each demo tenant, on top of the demo ones.</param>
    /// <param name="configure">Changes to the options the service starts with (limits, test controls).</param>
    internal ServiceFixture(int seedPurchases, Action<CommerceServiceOptions>? configure = null)
        : base(options =>
        {
            options.SeedPurchases = seedPurchases;
            options.SeedTenants = CustomerTenants;
            configure?.Invoke(options);
        })
    {
    }

    /// <summary>A service of its own with the given options, started; dispose it at the end of the test.</summary>
    internal static async Task<ServiceFixture> StartOwnAsync(Action<CommerceServiceOptions> configure)
    {
        var service = new ServiceFixture(0, configure);
        await service.InitializeAsync();
        return service;
    }

    /// <summary>A client of the service that trusts exactly its certificate.</summary>
    public HttpClient Http => Admin.Http;

    /// <summary>The service's token-signing key, read from beside its database: how tests forge tokens the signature check accepts.</summary>
    public RSA SigningKey => _signingKey ??= LoadSigningKey();

    /// <summary>The kid the service puts in its tokens' headers, as its JWKS publishes it.</summary>
    public string SigningKeyId => _signingKeyId ??= Json(Send(HttpMethod.Get, $"{DemoData.ContosoDomain}/discovery/v2.0/keys", null)).GetProperty("keys")[0].GetProperty("kid").GetString()!;

    public static HttpClient TrustingClient(CommerceService service) => PinnedHttp.Client(service.BaseAddress, service.Certificate);

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

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static JsonElement Json(HttpResponseMessage response) =>
        JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.Clone();

    private RSA LoadSigningKey()
    {
        var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(DatabasePath + ".signing-key.pem"));
        return key;
    }

    public override async Task DisposeAsync()
    {
        _signingKey?.Dispose();
        await base.DisposeAsync();
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
