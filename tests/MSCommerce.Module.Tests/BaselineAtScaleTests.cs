using System.Collections;
using System.Management.Automation;
using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>A local service of its own with several hundred products, so that adding products and injecting faults touch no other test.</summary>
public sealed class ManyProductsServiceFixture() : LocalService(options => options.SeedProducts = ExtraProducts)
{
    public const int ExtraProducts = 400;
}

public sealed class BaselineAtScaleTests(ManyProductsServiceFixture service) : IClassFixture<ManyProductsServiceFixture>, IDisposable
{
    private readonly BaselineFiles _files = new();

    [Fact]
    public void Concurrent_sync_of_hundreds_of_products_under_429s_and_503s_ends_exactly_at_the_baseline_with_each_failure_reported()
    {
        using var tenant = new IsolatedTenant(service);
        var shell = tenant.ConnectedShell();
        var products = shell.Invoke("Get-MSCommerceProductPolicies").Select(item => (string)item.Properties["ProductId"].Value).ToList();
        Assert.True(products.Count > ManyProductsServiceFixture.ExtraProducts);
        var refused = products.Take(2).ToList();
        var path = _files.Baseline("block-all.json", "Disabled");
        foreach (var productId in refused)
        {
            service.Admin.Post("_admin/faults", new { method = "PUT", path = "/v1.0/policies/AllowSelfServicePurchase/products/" + productId, status = 404, count = 1000 });
        }

        // Spread over 8 workers, at most a few faults meet one change: within the 5 retries allowed by default.
        service.Admin.Post("_admin/faults", new { method = "PUT", status = 429, count = 16, retryAfterSeconds = 1 });
        service.Admin.Post("_admin/faults", new { method = "PUT", status = 503, count = 16 });
        try
        {
            var result = shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -ThrottleLimit 8 -PassThru -Confirm:$false -Verbose", new Hashtable { ["Path"] = path });

            Assert.Equal(refused.Order(), result.Errors.Select(error => (string)error.TargetObject).Order());
            Assert.All(result.Errors, error => Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category));
            Assert.Equal(products.Count - refused.Count, result.Output.Count);
            Assert.Equal(result.Output.Count, result.Output.Select(change => change.Properties["Id"].Value).Distinct().Count());
            Assert.Contains(result.Verbose, line => line.Contains("429", StringComparison.Ordinal) && line.Contains("retry", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            service.Admin.ClearFaults();
        }

        var drift = shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path -Detailed", new Hashtable { ["Path"] = path });
        Assert.Equal(refused.Order(), drift.Select(item => (string)item.Properties["ProductId"].Value).Order());
        Assert.All(shell.Invoke("Get-MSCommerceProductPolicies").Where(item => !refused.Contains((string)item.Properties["ProductId"].Value)),
            item => Assert.Equal("Disabled", item.Properties["PolicyValue"].Value));
    }

    [Fact]
    public void Products_the_baseline_does_not_list_are_held_to_its_default_so_products_added_later_are_covered()
    {
        using var tenant = new IsolatedTenant(service);
        var shell = tenant.ConnectedShell();
        const string powerBiPro = "CFQ7TTC0H9MP";
        var path = _files.Baseline("block-all-but-power-bi.json", "Disabled", (powerBiPro, "Enabled"));

        var sync = shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -PassThru -Confirm:$false", new Hashtable { ["Path"] = path });
        Assert.Empty(sync.Errors);
        Assert.DoesNotContain(sync.Output, change => (string)change.Properties["Id"].Value == powerBiPro);
        Assert.True((bool)Assert.Single(shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path })).BaseObject);

        service.Admin.Post("_admin/products", new[] { new { productId = "CFQ7TTC0NEW" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant(), productName = "A product added later", offersTrialWithoutPaymentMethod = false } });

        var drift = Assert.Single(shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path -Detailed", new Hashtable { ["Path"] = path }));
        Assert.Equal("NewProduct", drift.Properties["Reason"].Value.ToString());
        Assert.Equal("A product added later", drift.Properties["ProductName"].Value);
        Assert.Equal("Disabled", drift.Properties["Expected"].Value);
        Assert.Equal("Enabled", drift.Properties["Actual"].Value);
    }

    [Fact]
    public async Task Ctrl_C_stops_a_sync_in_flight_and_what_was_sent_is_all_that_changed()
    {
        using var tenant = new IsolatedTenant(service);
        var shell = tenant.ConnectedShell();
        var path = _files.Baseline("slow.json", "Disabled");
        service.Admin.Put("_admin/settings", new { latencyMs = 250 });
        service.Admin.ClearRequests();
        try
        {
            using var powershell = shell.NewPowerShell();
            powershell.AddScript("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -ThrottleLimit 2 -PassThru -Confirm:$false").AddParameter("Path", path);
            var running = Task.Factory.FromAsync(powershell.BeginInvoke(), powershell.EndInvoke);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (service.Admin.Requests("PUT").Count < 4)
            {
                Assert.True(DateTime.UtcNow < deadline, "The sync sent fewer than 4 changes within 60 s.");
                Assert.False(running.IsCompleted, "The sync ended before it could be stopped.");
                await Task.Delay(50);
            }

            await Task.Factory.FromAsync(powershell.BeginStop(null, null), powershell.EndStop).WaitAsync(TimeSpan.FromSeconds(30));

            await Assert.ThrowsAsync<PipelineStoppedException>(() => running);
        }
        finally
        {
            service.Admin.Put("_admin/settings", new { latencyMs = 0 });
        }

        // At 250 ms a change and two at a time, the whole sync would take about a minute: it stopped long before.
        var disabled = shell.Invoke("Get-MSCommerceProductPolicies").Count(item => (string)item.Properties["PolicyValue"].Value == "Disabled");
        Assert.InRange(disabled, 1, 100);
        Assert.Equal(disabled, service.Admin.Get($"_admin/tenants/{tenant.Domain}/audit").GetArrayLength());
    }

    public void Dispose() => _files.Dispose();
}
