using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Text.Json;
using MSCommerce.Stub;
using MSCommerce.Testing;

namespace MSCommerce.Benchmarks;

/// <summary>The kit's in-process local service, with what the benchmarks measure through: settings, the request log, and runspaces of the built module connected to it.</summary>
public sealed class BenchmarkService : IAsyncDisposable
{
    private readonly LocalService _local;

    private BenchmarkService(LocalService local) => _local = local;

    public CommerceService Service => _local.Service;

    /// <summary>A client of the service trusting exactly its certificate, for calls timed as they are.</summary>
    public HttpClient Http => _local.Admin.Http;

    public static async Task<BenchmarkService> StartAsync(Action<CommerceServiceOptions> configure) =>
        new(await LocalService.StartAsync(configure, callTimeout: TimeSpan.FromMinutes(10)));

    public Task<string> TokenForAsync(string userPrincipalName, string tenant = DemoData.ContosoDomain) =>
        _local.Admin.TokenAsync(userPrincipalName, tenant, lifetimeSeconds: 7200);

    public Task SetAsync(int latencyMs, int rateLimitPerSecond) => _local.Admin.PutAsync("_admin/settings", new { latencyMs, rateLimitPerSecond });

    public Task ClearRequestsAsync() => _local.Admin.SendAsync(HttpMethod.Delete, "_admin/requests");

    /// <summary>The API calls the service answered since the log was last cleared, as the log has them.</summary>
    public Task<JsonElement> RequestLogAsync() => _local.Admin.GetAsync("_admin/requests");

    public async Task<IReadOnlyList<(string Method, int Status)>> RequestsAsync() =>
        (await RequestLogAsync()).EnumerateArray().Select(item => (item.GetProperty("method").GetString()!, item.GetProperty("status").GetInt32())).ToList();

    /// <summary>A runspace with the built module imported and connected as the demo Global Administrator.</summary>
    public async Task<Runspace> ConnectedRunspaceAsync()
    {
        var runspace = ModuleRunspace.Open();
        var token = await TokenForAsync(DemoData.AdminUpn);
        Invoke(runspace, "param($Endpoint, $Token, $Certificate) Connect-MSCommerce -Endpoint $Endpoint -AccessToken $Token -TrustedCertificate $Certificate | Out-Null",
            new Hashtable { ["Endpoint"] = Service.BaseAddress, ["Token"] = Secure(token), ["Certificate"] = Service.Certificate });
        return runspace;
    }

    public static IReadOnlyList<PSObject> Invoke(Runspace runspace, string script, IDictionary? parameters = null)
    {
        using var powershell = ModuleRunspace.Script(runspace, script, parameters);
        var output = powershell.Invoke();
        if (powershell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException($"{powershell.Streams.Error.Count} error(s), first: {powershell.Streams.Error[0]}");
        }

        return output;
    }

    public string TempFile(string name) => Path.Combine(_local.Folder, name);

    private static SecureString Secure(string text) => new System.Net.NetworkCredential(string.Empty, text).SecurePassword;

    public ValueTask DisposeAsync() => ((IAsyncDisposable)_local).DisposeAsync();
}
