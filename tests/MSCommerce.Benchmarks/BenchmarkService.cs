using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http.Json;
using System.Security;
using System.Text.Json;
using MSCommerce.Shell;
using MSCommerce.Stub;

namespace MSCommerce.Benchmarks;

/// <summary>The local commerce service in-process, in a temp folder, with test controls; and runspaces of the built module connected to it.</summary>
public sealed class BenchmarkService : IAsyncDisposable
{
    private readonly string _folder;
    private readonly CommerceService _service;
    private readonly HttpClient _admin;

    private BenchmarkService(string folder, CommerceService service)
    {
        _folder = folder;
        _service = service;
        var thumbprint = service.Certificate.Thumbprint;
        _admin = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint })
        {
            BaseAddress = service.BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    public CommerceService Service => _service;

    public HttpClient Admin => _admin;

    public static async Task<BenchmarkService> StartAsync(Action<CommerceServiceOptions> configure)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mscommerce-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = new CommerceServiceOptions { DatabasePath = Path.Combine(folder, "commerce.db"), Seed = "demo", EnableTestControls = true };
        configure(options);
        return new BenchmarkService(folder, await CommerceService.StartAsync(options));
    }

    public async Task<string> TokenForAsync(string userPrincipalName, string tenant = DemoData.ContosoDomain)
    {
        using var response = await _admin.PostAsJsonAsync("_admin/tokens", new { tenant, userPrincipalName, lifetimeSeconds = 7200 });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task SetAsync(int latencyMs, int rateLimitPerSecond)
    {
        using var response = await _admin.PutAsJsonAsync("_admin/settings", new { latencyMs, rateLimitPerSecond });
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearRequestsAsync() => (await _admin.DeleteAsync("_admin/requests")).EnsureSuccessStatusCode();

    public async Task<IReadOnlyList<(string Method, int Status)>> RequestsAsync()
    {
        var items = await _admin.GetFromJsonAsync<JsonElement>("_admin/requests");
        return items.EnumerateArray().Select(item => (item.GetProperty("method").GetString()!, item.GetProperty("status").GetInt32())).ToList();
    }

    /// <summary>A runspace with the built module imported and connected as the demo Global Administrator.</summary>
    public async Task<Runspace> ConnectedRunspaceAsync()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(ModuleLocator.FindManifest());
        var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        var token = await TokenForAsync(DemoData.AdminUpn);
        Invoke(runspace, "param($Endpoint, $Token, $Certificate) Connect-MSCommerce -Endpoint $Endpoint -AccessToken $Token -TrustedCertificate $Certificate | Out-Null",
            new Hashtable { ["Endpoint"] = _service.BaseAddress, ["Token"] = Secure(token), ["Certificate"] = _service.Certificate });
        return runspace;
    }

    public static IReadOnlyList<PSObject> Invoke(Runspace runspace, string script, IDictionary? parameters = null)
    {
        using var powershell = PowerShell.Create();
        powershell.Runspace = runspace;
        powershell.AddScript(script);
        if (parameters is not null)
        {
            powershell.AddParameters(parameters);
        }

        var output = powershell.Invoke();
        if (powershell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException($"{powershell.Streams.Error.Count} error(s), first: {powershell.Streams.Error[0]}");
        }

        return output;
    }

    public string TempFile(string name) => Path.Combine(_folder, name);

    private static SecureString Secure(string text) => new System.Net.NetworkCredential(string.Empty, text).SecurePassword;

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _service.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
