using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using MSCommerce.Stub;
using MSCommerce.Stub.Data;
using Xunit.Abstractions;

namespace MSCommerce.Module.Tests;

/// <summary>A local service of its own with 1,000 products, whose injected faults touch no other test.</summary>
public sealed class ThousandProductsServiceFixture() : LocalService(options => options.SeedProducts = Products - Catalog.Products.Count)
{
    public const int Products = 1000;
}

/// <summary>
/// Syncing 1,000 products while the service answers 10% of calls with 503, 5% with 429 and
/// Retry-After, and drops 2% of connections: the tenant ends exactly at the baseline, every change
/// that ran out of retries is reported, and no product is changed twice (the service's audit log).
/// </summary>
public sealed class FaultSoakTests(ThousandProductsServiceFixture service, CaseCounts counts, ITestOutputHelper output) : IClassFixture<ThousandProductsServiceFixture>, IClassFixture<CaseCounts>, IDisposable
{
    private readonly BaselineFiles _files = new();

    [Fact]
    public void A_sync_of_a_thousand_products_under_503s_429s_and_dropped_connections_ends_exactly_at_the_baseline()
    {
        using var tenant = new IsolatedTenant(service);
        using var shell = new ModuleRunspace();
        // Enough retries that an unlucky change still gets through: the breaker must not take scattered faults for an outage.
        var connected = shell.Run("param($Endpoint, $AccessToken, $Certificate) Connect-MSCommerce -Endpoint $Endpoint -AccessToken $AccessToken -TrustedCertificate $Certificate -MaxRetryCount 10 -MaxRetryWaitSeconds 300",
            new Hashtable { ["Endpoint"] = service.BaseAddress, ["AccessToken"] = ModuleRunspace.Secure(service.Admin.Token(tenant.AdminUpn, tenant.Domain)), ["Certificate"] = service.Certificate });
        Assert.Empty(connected.Errors);
        var path = _files.Baseline("block-all.json", "Disabled");
        service.Admin.ClearRequests();
        service.Admin.Post("_admin/faults", new { dropConnection = true, status = 0, rate = 0.02 });
        service.Admin.Post("_admin/faults", new { status = 429, retryAfterSeconds = 0, rate = 0.05 });
        service.Admin.Post("_admin/faults", new { status = 503, rate = 0.10 });
        InvocationResult sync;
        var clock = Stopwatch.StartNew();
        try
        {
            sync = shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -PassThru -Confirm:$false -Verbose", new Hashtable { ["Path"] = path });
        }
        finally
        {
            service.Admin.ClearFaults();
            clock.Stop();
        }

        var requests = service.Admin.Requests();
        var drift = shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path -Detailed", new Hashtable { ["Path"] = path })
            .Select(item => (string)item.Properties["Id"].Value).Order().ToList();
        // Every change that ran out of retries is an error naming it, and nothing else is left undone.
        Assert.Equal(drift, sync.Errors.Select(error => (string)error.TargetObject).Order().ToList());
        Assert.All(sync.Errors, error => Assert.Matches("^(ServiceUnavailable|Throttled|ConnectionFailed),", error.FullyQualifiedErrorId));
        if (drift.Count > 0)
        {
            Assert.Empty(shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -Confirm:$false", new Hashtable { ["Path"] = path }).Errors);
        }

        Assert.Empty(shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path -Detailed", new Hashtable { ["Path"] = path }));
        var audit = service.Admin.Get($"_admin/tenants/{tenant.Domain}/audit").EnumerateArray().Select(entry => entry.GetProperty("scopeId").GetString()!).ToList();
        Assert.Equal(ThousandProductsServiceFixture.Products, audit.Count);
        Assert.Equal(audit.Count, audit.Distinct().Count());
        Assert.Equal(ThousandProductsServiceFixture.Products - drift.Count, sync.Output.Count(change => change.Properties["Outcome"].Value.ToString() == "Changed"));

        var puts = requests.Where(request => request.GetProperty("method").GetString() == "PUT").ToList();
        var statuses = requests.GroupBy(request => request.GetProperty("status").GetInt32()).OrderBy(group => group.Key).Select(group => $"{group.Key}: {group.Count()}");
        var retries = sync.Verbose.Count(line => line.Contains("retry", StringComparison.OrdinalIgnoreCase));
        counts.Report(output, $"Fault soak: {ThousandProductsServiceFixture.Products} products, {requests.Count} calls ({puts.Count} PUTs) answered {string.Join(", ", statuses)} (a dropped connection is logged as 200); "
            + $"{retries} retries narrated; {sync.Errors.Count} changes ran out of retries and were reported; {audit.Count} audit entries, none twice; {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    public void Dispose() => _files.Dispose();
}
