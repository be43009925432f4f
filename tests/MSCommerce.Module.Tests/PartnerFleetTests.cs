using System.Collections;
using System.Management.Automation;
using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>The local service with 20 customer tenants of the demo partner, each consenting to the partner's app.</summary>
public sealed class PartnerCustomersFixture() : LocalService(options => options.SeedCustomers = Customers)
{
    public const int Customers = 20;
}

/// <summary>A fleet command in the engine: signed in once as the partner's multi-tenant app, working through the customers.</summary>
public sealed class PartnerFleetTests(PartnerCustomersFixture service) : IClassFixture<PartnerCustomersFixture>, IDisposable
{
    private readonly BaselineFiles _files = new();

    [Fact]
    public async Task Ctrl_C_stops_every_tenants_work_and_nothing_more_is_sent()
    {
        using var shell = new ModuleRunspace();
        var connected = shell.Run("param($Endpoint, $Certificate, $Secret) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $Certificate -TenantId fabrikam.onmicrosoft.com -ClientId " + DemoData.PartnerAppClientId + " -ClientSecret $Secret",
            new Hashtable { ["Endpoint"] = service.BaseAddress, ["Certificate"] = service.Certificate, ["Secret"] = ModuleRunspace.Secure(DemoData.PartnerAppClientSecret) });
        Assert.Empty(connected.Errors);
        var path = _files.Baseline("fleet.json", "Enabled");
        var tenants = Enumerable.Range(1, PartnerCustomersFixture.Customers).Select(number => $"77777777-0000-0000-0000-{number:D12}").ToArray();
        service.Admin.Put("_admin/settings", new { latencyMs = 500 });
        service.Admin.ClearRequests();
        try
        {
            using var powershell = shell.NewPowerShell();
            powershell.AddScript("param($Path, $Tenants) Test-MSCommercePolicyBaseline -Path $Path -TenantId $Tenants -ThrottleLimit 4").AddParameter("Path", path).AddParameter("Tenants", tenants);
            var running = Task.Factory.FromAsync(powershell.BeginInvoke(), powershell.EndInvoke);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (TenantCalls() < 4)
            {
                Assert.True(DateTime.UtcNow < deadline, "The fleet made fewer than 4 calls to customers within 60 s.");
                Assert.False(running.IsCompleted, "The fleet ended before it could be stopped.");
                await Task.Delay(50);
            }

            await Task.Factory.FromAsync(powershell.BeginStop(null, null), powershell.EndStop).WaitAsync(TimeSpan.FromSeconds(30));

            await Assert.ThrowsAsync<PipelineStoppedException>(() => running);
            await Task.Delay(800);
            var sent = TenantCalls();
            await Task.Delay(1500);
            Assert.Equal(sent, TenantCalls());
            // 20 tenants, two calls each, four tenants at a time at 500 ms a call: it stopped long before the end.
            Assert.InRange(sent, 4, 2 * PartnerCustomersFixture.Customers - 8);
        }
        finally
        {
            service.Admin.Put("_admin/settings", new { latencyMs = 0 });
        }
    }

    [Fact]
    public void The_partner_app_checks_customers_by_domain_with_one_result_each_and_an_error_for_a_tenant_that_has_not_consented()
    {
        using var shell = new ModuleRunspace();
        shell.Run("param($Endpoint, $Certificate, $Secret) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $Certificate -TenantId fabrikam.onmicrosoft.com -ClientId " + DemoData.PartnerAppClientId + " -ClientSecret $Secret",
            new Hashtable { ["Endpoint"] = service.BaseAddress, ["Certificate"] = service.Certificate, ["Secret"] = ModuleRunspace.Secure(DemoData.PartnerAppClientSecret) });
        var path = _files.Baseline("fleet-app.json", "Enabled");

        var result = shell.Run("param($Path) Test-MSCommercePolicyBaseline -Path $Path -TenantId customer0001.onmicrosoft.com, customer0002.onmicrosoft.com, school.onmicrosoft.com -InformationAction Ignore",
            new Hashtable { ["Path"] = path });

        Assert.Equal(3, result.Output.Count);
        Assert.Equal(["Compliant", "Compliant", "Failed"], result.Output.Select(item => item.Properties["Status"].Value.ToString()).Order());
        var error = Assert.Single(result.Errors);
        Assert.Equal("TenantNoRelationship,MSCommerce.Commands.TestMSCommercePolicyBaselineCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.StartsWith("school.onmicrosoft.com: the app is not consented in this tenant", error.ErrorDetails.Message, StringComparison.Ordinal);
    }

    private int TenantCalls() => service.Admin.Requests("GET").Count(request => request.GetProperty("tenantId").GetString()?.StartsWith("77777777", StringComparison.Ordinal) == true);

    public void Dispose() => _files.Dispose();
}
