using System.Management.Automation;
using MSCommerce.Stub.Data;

namespace MSCommerce.Module.Tests;

public sealed class WalkingSkeletonTests(LocalService service) : IClassFixture<LocalService>
{
    [Fact]
    public void Get_Command_lists_the_cmdlets_the_manifest_exports()
    {
        using var shell = new ModuleRunspace();

        var names = shell.Invoke("Get-Command -Module SelfServicePurchase | ForEach-Object Name").Select(name => name.ToString()).ToList();

        string[] documented =
        [
            "Connect-MSCommerce", "Disconnect-MSCommerce", "Get-MSCommerceConnection", "Get-MSCommercePolicies", "Get-MSCommercePolicy",
            "Get-MSCommerceProductPolicies", "Get-MSCommerceProductPolicy", "Update-MSCommerceProductPolicy", "Get-MSCommerceSelfServicePurchases",
            "Get-MSCommercePartnerCustomer", "Export-MSCommercePolicyBaseline", "Test-MSCommercePolicyBaseline", "Sync-MSCommercePolicyBaseline",
        ];
        Assert.All(documented, name => Assert.Contains(name, names));
        Assert.Equal(names.Count, shell.Invoke("(Get-Module SelfServicePurchase).ExportedCmdlets.Count")[0].BaseObject);
    }

    [Fact]
    public void The_module_exports_no_functions_aliases_or_variables()
    {
        using var shell = new ModuleRunspace();

        var counts = shell.Invoke("$m = Get-Module SelfServicePurchase; $m.ExportedFunctions.Count, $m.ExportedAliases.Count, $m.ExportedVariables.Count");

        Assert.Equal([0, 0, 0], counts.Select(count => (int)count.BaseObject));
    }

    [Fact]
    public void The_imported_module_is_the_built_one_with_the_version_from_the_build()
    {
        using var shell = new ModuleRunspace();

        var module = shell.Invoke("Get-Module SelfServicePurchase")[0];

        Assert.EndsWith(Path.Combine("out", "SelfServicePurchase", "SelfServicePurchase.psd1"), shell.ManifestPath);
        Assert.Equal(typeof(MSCommerce.EngineHost.ModuleLocator).Assembly.GetName().Version!.ToString(3), module.Properties["Version"].Value.ToString());
    }

    [Fact]
    public void Product_policies_come_back_one_object_per_product_sorted_by_product_id()
    {
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);

        var policies = shell.Invoke("Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase");

        Assert.Equal(Catalog.Products.Count, policies.Count);
        Assert.All(policies, policy =>
        {
            Assert.Equal("MSCommerce.ProductPolicy", policy.TypeNames[0]);
            Assert.Equal("AllowSelfServicePurchase", policy.Properties["PolicyId"].Value);
            Assert.Equal("Enabled", policy.Properties["PolicyValue"].Value);
        });
        var ids = policies.Select(policy => (string)policy.Properties["ProductId"].Value).ToList();
        Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), ids);
        var powerBiPro = Assert.Single(policies, policy => (string)policy.Properties["ProductId"].Value == "CFQ7TTC0H9MP");
        Assert.Equal("Power BI Pro", powerBiPro.Properties["ProductName"].Value);
        var visioPlan1 = Assert.Single(policies, policy => (string)policy.Properties["ProductId"].Value == "CFQ7TTC0HD33");
        Assert.Equal("Visio Plan 1", visioPlan1.Properties["ProductName"].Value);
    }

    [Fact]
    public void A_data_cmdlet_called_before_connecting_stops_with_the_original_message()
    {
        using var shell = new ModuleRunspace();

        var result = shell.Run("Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase; 'after'");

        var error = Assert.Single(result.Errors);
        Assert.Equal("You must call the Connect-MSCommerce cmdlet before calling any other cmdlets.", error.Exception.Message);
        Assert.StartsWith("NotConnected,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal("Run Connect-MSCommerce, then run this command again.", error.ErrorDetails.RecommendedAction);
        Assert.Equal(["after"], result.Output.Select(item => item.ToString()));
    }
}
