using System.Collections;

namespace MSCommerce.Module.Tests;

/// <summary>
/// Import-Module leaves the format table alone (adding a format file rebuilds it, half of what importing
/// cost); the module's first cmdlet in a runspace adds its views, once, whatever it outputs.
/// </summary>
public sealed class FormatViewLoadingTests
{
    private const string Views = "@(Get-FormatData -TypeName MSCommerce.*).Count";

    [Fact]
    public void Import_adds_no_views_and_the_first_cmdlet_adds_them()
    {
        using var shell = new ModuleRunspace();

        var afterImport = (int)shell.Invoke(Views).Single().BaseObject;
        shell.Invoke("Get-MSCommerceConnection");
        var afterFirstCmdlet = (int)shell.Invoke(Views).Single().BaseObject;

        Assert.Equal(0, afterImport);
        Assert.Equal(TypesWithViews(shell.ManifestPath), afterFirstCmdlet);
    }

    /// <summary>The types the module's format file has views for: every one of them is there after the first cmdlet.</summary>
    private static int TypesWithViews(string manifestPath) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(Path.GetDirectoryName(manifestPath)!, "MSCommerce.Format.ps1xml"))
            .Descendants("TypeName").Select(type => type.Value.Trim()).Distinct(StringComparer.Ordinal).Count();

    [Fact]
    public void Each_view_is_added_once_however_often_the_module_is_imported_and_run()
    {
        using var shell = new ModuleRunspace();

        shell.Invoke("Get-MSCommerceConnection");
        shell.Invoke("param($Manifest) Remove-Module SelfServicePurchase; Import-Module $Manifest; Get-MSCommerceConnection; Get-MSCommercePolicies -ErrorAction SilentlyContinue",
            new Hashtable { ["Manifest"] = shell.ManifestPath });
        var productPolicyViews = shell.Invoke("(Get-FormatData -TypeName MSCommerce.ProductPolicy).FormatViewDefinition.Count").Single().BaseObject;

        Assert.Equal(1, productPolicyViews);
    }
}
