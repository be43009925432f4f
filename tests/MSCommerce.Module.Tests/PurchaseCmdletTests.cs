using System.Collections;
using System.Management.Automation;
using MSCommerce.Stub;
using MSCommerce.Stub.Data;

namespace MSCommerce.Module.Tests;

/// <summary>Get-MSCommerceSelfServicePurchases against the demo tenant's known purchases, as an auditing script uses it.</summary>
[Collection(LocalServiceCollection.Name)]
public sealed class PurchaseCmdletTests(LocalService service) : IDisposable
{
    private const string Purchases = "Get-MSCommerceSelfServicePurchases";
    private readonly List<ModuleRunspace> _shells = [];

    [Fact]
    public void Lists_every_purchase_and_trial_of_the_tenant_in_purchase_order_with_its_details()
    {
        var purchases = Admin().Invoke(Purchases);

        Assert.Equal(DemoData.ContosoSelfServicePurchases, purchases.Count);
        Assert.All(purchases, purchase => Assert.Equal("MSCommerce.SelfServicePurchase", purchase.TypeNames[0]));
        Assert.Equal(purchases.Select(Date).Order(), purchases.Select(Date));
        var powerBi = purchases.Single(purchase => Id(purchase) == DemoData.AlicePowerBiProId);
        Assert.Equal("CFQ7TTC0H9MP", powerBi.Properties["ProductId"].Value);
        Assert.Equal("Power BI Pro", powerBi.Properties["ProductName"].Value);
        Assert.Equal(DemoData.AliceUpn, powerBi.Properties["PurchaserUpn"].Value);
        Assert.Equal(8, powerBi.Properties["Quantity"].Value);
        Assert.Equal(2, powerBi.Properties["AssignedLicenses"].Value);
        Assert.Equal("Active", powerBi.Properties["Status"].Value);
        Assert.Equal(false, powerBi.Properties["IsTrial"].Value);
        Assert.NotNull(powerBi.Properties["UnitPrice"].Value);
        Assert.Null(powerBi.Properties["OrderHistory"].Value);
        Assert.Equal("LicensingService", powerBi.Properties["Source"].Value);
    }

    [Fact]
    public void Listing_shows_progress_with_the_pages_read_and_the_purchases_so_far_and_completes_it()
    {
        service.Admin.ClearRequests();

        var result = Admin().Run($"{Purchases} -PageSize 4");

        var pages = service.Admin.Requests("GET").Count(request => request.GetProperty("path").GetString()!.StartsWith("/v1.0/selfServicePurchases", StringComparison.Ordinal));
        Assert.True(pages >= 3, $"{pages} pages read.");
        Assert.All(result.Progress, record => Assert.Equal("Listing self-service purchases", record.Activity));
        Assert.Equal("0 purchase(s) so far, 0 page(s) read", result.Progress[0].StatusDescription);
        var last = result.Progress[^1];
        Assert.Equal(ProgressRecordType.Completed, last.RecordType);
        Assert.Equal($"{result.Output.Count} purchase(s) so far, {pages} page(s) read", last.StatusDescription);
        Assert.InRange(result.Progress.Count, pages, pages + 2);
    }

    [Theory]
    [InlineData("-Status Active", new[] { DemoData.AlicePowerBiProId, DemoData.DanaPowerAutomateId, DemoData.AliceVisioTrialId })]
    [InlineData("-Type Trial", new[] { DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId, DemoData.AliceVisioTrialId })]
    [InlineData("-Type Trial -Status Active", new[] { DemoData.AliceVisioTrialId })]
    [InlineData("-Type Purchase -Status cancelled", new[] { DemoData.BobPowerAppsId })]
    [InlineData("-Purchaser " + DemoData.BobObjectId, new[] { DemoData.BobPowerAppsId, DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId })]
    [InlineData("-Purchaser " + DemoData.AliceUpn + " -Type Purchase", new[] { DemoData.AliceClipchampId, DemoData.AlicePowerBiProId, DemoData.AlicePowerBiPremiumId })]
    [InlineData("-ProductId CFQ7TTC0H9MP", new[] { DemoData.AlicePowerBiProId })]
    [InlineData("-ProductId CFQ7TTC0HD32", new string[0])]
    public void Each_filter_and_their_combinations_select_the_known_purchases(string filters, string[] expected)
    {
        var shell = Admin();
        service.Admin.ClearRequests();

        var purchases = shell.Invoke($"{Purchases} {filters}");

        Assert.Equal(expected.Order(), purchases.Select(Id).Order());
        // One request, the filters in its query: they ran on the service, not here.
        var sent = Assert.Single(service.Admin.Requests("GET"), request => request.GetProperty("path").GetString()!.Contains("selfServicePurchases", StringComparison.Ordinal));
        foreach (var parameter in filters.Split(' ').Where(word => word.StartsWith('-')))
        {
            Assert.Contains(char.ToLowerInvariant(parameter[1]) + parameter[2..] + "=", sent.GetProperty("path").GetString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Date_filters_run_on_the_service_and_agree_with_the_dates_shown()
    {
        var shell = Admin();
        var all = shell.Invoke(Purchases);
        var after = DemoData.PurchaseBase.AddDays(-100);
        var before = DemoData.PurchaseBase.AddDays(100);

        var created = shell.Invoke($"param($After) {Purchases} -CreatedAfter $After", new Hashtable { ["After"] = after });
        var expiring = shell.Invoke($"param($Before) {Purchases} -ExpiringBefore $Before", new Hashtable { ["Before"] = before });

        Assert.Equal(all.Where(purchase => Date(purchase) > after).Select(Id).Order(), created.Select(Id).Order());
        Assert.Equal(all.Where(purchase => ((DateTimeOffset)purchase.Properties["ExpirationDate"].Value).UtcDateTime < before).Select(Id).Order(), expiring.Select(Id).Order());
        Assert.NotEmpty(created);
        Assert.NotEqual(all.Count, created.Count);
    }

    [Fact]
    public void Order_history_and_assigned_users_come_when_asked_for()
    {
        var purchase = Assert.Single(Admin().Invoke($"{Purchases} -ProductId CFQ7TTC0H9MP -IncludeOrderHistory -IncludeAssignedUsers"));

        var history = ((IEnumerable)purchase.Properties["OrderHistory"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
        Assert.Equal(["Purchase", "QuantityChange", "Renewal"], history.Select(entry => (string)entry.Properties["EventType"].Value).Distinct().Order());
        var users = ((IEnumerable)purchase.Properties["AssignedUsers"].Value).Cast<object>().Select(user => user.ToString()).Order();
        Assert.Equal([DemoData.AliceUpn, DemoData.BobUpn], users);
    }

    [Fact]
    public void Export_Csv_writes_the_order_history_and_the_assigned_users_as_readable_text_in_any_culture()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mscommerce-purchases-{Guid.NewGuid():N}.csv");
        try
        {
            Admin().Invoke($$"""
                param($Path)
                $culture = [cultureinfo]::CurrentCulture
                try {
                    [cultureinfo]::CurrentCulture = 'de-DE'
                    {{Purchases}} -ProductId CFQ7TTC0H9MP -IncludeOrderHistory -IncludeAssignedUsers | Export-Csv -Path $Path
                }
                finally {
                    [cultureinfo]::CurrentCulture = $culture
                }
                """, new Hashtable { ["Path"] = path });

            var row = Assert.Single(Admin().Invoke("param($Path) Import-Csv -Path $Path", new Hashtable { ["Path"] = path }));
            Assert.Equal($"{DemoData.AliceUpn}; {DemoData.BobUpn}", row.Properties["AssignedUsers"].Value);
            var history = (string)row.Properties["OrderHistory"].Value;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} Purchase x\d+ \d+(\.\d+)? [A-Z]{3}(; \d{4}-\d{2}-\d{2} \w+ x\d+ \d+(\.\d+)? [A-Z]{3})+$", history);
            Assert.Matches(@"; \d{4}-\d{2}-\d{2} Renewal ", history);
            Assert.DoesNotContain("System.Collections", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Product_policies_pipe_in_by_ProductId_and_purchases_pipe_on_into_the_policy_cmdlets()
    {
        var shell = Admin();

        var viaPolicies = shell.Invoke($"Get-MSCommerceProductPolicies | {Purchases}");
        Assert.Equal(DemoData.ContosoSelfServicePurchases, viaPolicies.Count);

        service.Admin.ClearRequests();
        var result = shell.Run($"{Purchases} -Type Purchase -Status Active | Update-MSCommerceProductPolicy -Value Disabled -WhatIf");
        Assert.Empty(result.Errors);
        Assert.Contains("on target \"Power BI Pro (CFQ7TTC0H9MP)\"", shell.ConsoleText, StringComparison.Ordinal);
        Assert.Empty(service.Admin.Requests("PUT"));
    }

    [Fact]
    public void A_user_without_an_admin_role_is_refused_with_the_roles_that_would_do_not_an_empty_list()
    {
        var shell = new ModuleRunspace();
        _shells.Add(shell);
        shell.ConnectWithToken(service, service.Admin.Token(DemoData.AliceUpn));

        var result = shell.Run(Purchases);

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("Global Reader", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Billing Administrator", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Global_Reader_and_a_read_only_app_may_list_purchases()
    {
        var reader = new ModuleRunspace();
        _shells.Add(reader);
        reader.ConnectWithToken(service, service.Admin.Token(DemoData.GlobalReaderUpn));
        Assert.Equal(DemoData.ContosoSelfServicePurchases, reader.Invoke(Purchases).Count);

        var app = ConnectedAs(DemoData.ReportingClientId, DemoData.ReportingClientSecret);
        Assert.Equal(DemoData.ContosoSelfServicePurchases, app.Invoke(Purchases).Count);
    }

    [Fact]
    public void A_partner_reads_the_customer_tenant_through_a_delegated_connection_and_its_own_tenant_apart()
    {
        var shell = new ModuleRunspace();
        _shells.Add(shell);

        var result = shell.Run("""
            param($Endpoint, $Certificate, $Customer, $Own)
            $contoso = Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $Certificate -AccessToken $Customer -PassThru
            $fabrikam = Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $Certificate -AccessToken $Own -PassThru
            @(Get-MSCommerceSelfServicePurchases -Connection $contoso).Count
            (Get-MSCommerceSelfServicePurchases -Connection $fabrikam).SubscriptionId
            """, new Hashtable
        {
            ["Endpoint"] = service.BaseAddress,
            ["Certificate"] = service.Certificate,
            ["Customer"] = ModuleRunspace.Secure(service.Admin.Token(DemoData.PartnerUpn, DemoData.ContosoDomain)),
            ["Own"] = ModuleRunspace.Secure(service.Admin.Token(DemoData.PartnerUpn, DemoData.FabrikamDomain)),
        });

        Assert.Empty(result.Errors);
        Assert.Equal(DemoData.ContosoSelfServicePurchases, result.Output[0].BaseObject);
        Assert.Equal(DemoData.PartnerPowerBiProId, result.Output[1].BaseObject);
    }

    [Fact]
    public void The_Graph_source_reads_user_owned_subscriptions_only_and_fills_what_Graph_has()
    {
        var shell = ConnectedAs(DemoData.AutomationClientId, DemoData.AutomationClientSecret);

        var purchases = shell.Invoke($"{Purchases} -Source Graph");

        Assert.Equal(DemoData.ContosoSelfServicePurchases, purchases.Count);
        Assert.DoesNotContain(purchases, purchase => Id(purchase) == DemoData.ContosoF3Id);
        var powerBi = purchases.Single(purchase => Id(purchase) == DemoData.AlicePowerBiProId);
        Assert.Equal("Graph", powerBi.Properties["Source"].Value);
        Assert.Equal(DemoData.AliceObjectId, powerBi.Properties["PurchaserObjectId"].Value);
        Assert.Equal("Active", powerBi.Properties["Status"].Value);
        Assert.Equal(8, powerBi.Properties["Quantity"].Value);
        Assert.Null(powerBi.Properties["ProductId"].Value);
        Assert.Null(powerBi.Properties["PurchaserUpn"].Value);
        Assert.Null(powerBi.Properties["UnitPrice"].Value);
        Assert.Equal(
            [DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId, DemoData.AliceVisioTrialId],
            shell.Invoke($"{Purchases} -Source Graph -Type Trial").Select(Id).Order());
    }

    [Fact]
    public void Auto_falls_back_to_Graph_where_the_licensing_service_has_no_purchases_resource()
    {
        var shell = ConnectedAs(DemoData.AutomationClientId, DemoData.AutomationClientSecret);
        service.Admin.Post("_admin/faults", new { method = "GET", path = "/v1.0/selfServicePurchases", status = 404, count = 1 });
        try
        {
            var result = shell.Run($"{Purchases} -Verbose");

            Assert.Empty(result.Errors);
            Assert.Equal(DemoData.ContosoSelfServicePurchases, result.Output.Count);
            Assert.All(result.Output, purchase => Assert.Equal("Graph", purchase.Properties["Source"].Value));
            Assert.Contains(result.Verbose, line => line.Contains("Microsoft Graph", StringComparison.Ordinal));
        }
        finally
        {
            service.Admin.ClearFaults();
        }
    }

    [Fact]
    public void After_one_404_piped_products_go_straight_to_Graph_and_each_is_told_Graph_cannot_filter_by_product()
    {
        var shell = ConnectedAs(DemoData.AutomationClientId, DemoData.AutomationClientSecret);
        service.Admin.Post("_admin/faults", new { method = "GET", path = "/v1.0/selfServicePurchases", status = 404, count = 100 });
        try
        {
            service.Admin.ClearRequests();

            var result = shell.Run($"Get-MSCommerceProductPolicies | {Purchases}");

            Assert.Empty(result.Output);
            Assert.Equal(Catalog.Products.Count, result.Errors.Count);
            Assert.All(result.Errors, error => Assert.StartsWith("FilterNotSupportedByGraph,", error.FullyQualifiedErrorId, StringComparison.Ordinal));
            Assert.Single(service.Admin.Requests("GET"), request => request.GetProperty("path").GetString()!.StartsWith("/v1.0/selfServicePurchases", StringComparison.Ordinal));
        }
        finally
        {
            service.Admin.ClearFaults();
        }
    }

    [Theory]
    [InlineData("-Source Graph -ProductId CFQ7TTC0H9MP", "FilterNotSupportedByGraph")]
    [InlineData("-Source Graph -Purchaser " + DemoData.AliceUpn, "FilterNotSupportedByGraph")]
    [InlineData("-Purchaser 'Alice Smith'", "InvalidPurchaser")]
    [InlineData("-ProductId 'CFQ7 TTC0'", "InvalidProductId")]
    public void Filters_that_cannot_work_are_refused_before_any_request(string filters, string errorId)
    {
        var shell = Admin();
        service.Admin.ClearRequests();

        var error = Assert.Single(shell.Run($"{Purchases} {filters}").Errors);

        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void A_token_only_connection_cannot_read_Graph_and_says_how_to_connect()
    {
        var error = Assert.Single(Admin().Run($"{Purchases} -Source Graph").Errors);

        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("access token for the licensing service only", error.Exception.Message, StringComparison.Ordinal);
    }

    private ModuleRunspace Admin()
    {
        var shell = ModuleRunspace.ConnectedAsAdmin(service);
        _shells.Add(shell);
        return shell;
    }

    private ModuleRunspace ConnectedAs(string clientId, string secret)
    {
        var shell = new ModuleRunspace();
        _shells.Add(shell);
        var result = shell.Run("param($Endpoint, $Certificate, $ClientId, $Secret) Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $Certificate -TenantId contoso.onmicrosoft.com -ClientId $ClientId -ClientSecret $Secret",
            new Hashtable { ["Endpoint"] = service.BaseAddress, ["Certificate"] = service.Certificate, ["ClientId"] = clientId, ["Secret"] = ModuleRunspace.Secure(secret) });
        Assert.Empty(result.Errors);
        return shell;
    }

    private static string Id(PSObject purchase) => (string)purchase.Properties["SubscriptionId"].Value;

    private static DateTime Date(PSObject purchase) => ((DateTimeOffset)purchase.Properties["PurchaseDate"].Value).UtcDateTime;

    public void Dispose()
    {
        foreach (var shell in _shells)
        {
            shell.Dispose();
        }
    }
}
