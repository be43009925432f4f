using System.Collections.Concurrent;
using System.Net.Http.Json;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Http;
using MSCommerce.Stub;

namespace MSCommerce.Client.Tests;

/// <summary>The local commerce service, and clients of it signed in as the demo read-write app through MSAL.</summary>
public sealed class ClientFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mscommerce-client-" + Guid.NewGuid().ToString("N"));

    public CommerceService Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Service = await CommerceService.StartAsync(new CommerceServiceOptions { DatabasePath = Path.Combine(_folder, "commerce.db"), Seed = "demo", EnableTestControls = true, RateLimitPerSecond = 0 });
    }

    public CommerceClient NewClient(Action<CommerceClientOptions>? configure = null)
    {
        var options = new CommerceClientOptions
        {
            Endpoint = Service.BaseAddress,
            AuthorityHost = Service.BaseAddress,
            TrustedCertificate = Service.Certificate,
            BaseRetryDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        var signIn = new SignInOptions { TenantId = DemoData.ContosoDomain, ClientId = DemoData.AutomationClientId };
        return CommerceConnector.ConnectAsync(options, SignIn.WithClientSecret(signIn, DemoData.AutomationClientSecret), null, CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Fault(object fault)
    {
        using var http = Admin();
        http.PostAsJsonAsync("_admin/faults", fault).GetAwaiter().GetResult().EnsureSuccessStatusCode();
    }

    /// <summary>Arranges something through the test controls (a user, a purchase, a product) and answers what the service made.</summary>
    public System.Text.Json.JsonElement Arrange(string path, object body)
    {
        using var http = Admin();
        using var response = http.PostAsJsonAsync(path, body).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A user of the demo tenant leaves the organisation (deleted through the test controls).</summary>
    public void DeleteUser(string userPrincipalName)
    {
        using var http = Admin();
        http.DeleteAsync($"_admin/tenants/{DemoData.ContosoDomain}/users/{userPrincipalName}").GetAwaiter().GetResult().EnsureSuccessStatusCode();
    }

    public void ClearFaults()
    {
        using var http = Admin();
        http.DeleteAsync("_admin/faults").GetAwaiter().GetResult().EnsureSuccessStatusCode();
    }

    private HttpClient Admin()
    {
        var thumbprint = Service.Certificate.Thumbprint;
        return new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint }) { BaseAddress = Service.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Collects the narration of calls, as the cmdlets' -Verbose does.</summary>
public sealed class RecordingObserver : IHttpCallObserver
{
    public ConcurrentQueue<HttpCallEvent> Calls { get; } = new();

    public bool WantsDebug => false;

    public void OnCall(HttpCallEvent call) => Calls.Enqueue(call);

    public void OnDebug(string message)
    {
    }
}
