using System.Management.Automation;

namespace MSCommerce.Module.Tests;

/// <summary>A local service of its own, so that counting its requests and failing its product list touch no other test.</summary>
public sealed class CompletionCatalogServiceFixture : LocalServiceFixture;

/// <summary>
/// Connect-MSCommerce signs in and reads nothing else (issue 14: a cold sign-in no longer waits for a list
/// only Tab needs). Tab completion of product ids reads the product list the first time it finds the
/// connection's catalog empty, once; any listing fills the catalog as well.
/// </summary>
public sealed class CompletionCatalogTests(CompletionCatalogServiceFixture service) : IClassFixture<CompletionCatalogServiceFixture>, IDisposable
{
    private const string ProductList = "/v1.0/policies/AllowSelfServicePurchase/products";
    private const string Typed = "Update-MSCommerceProductPolicy -ProductId CFQ7TTC0HD3";

    [Fact]
    public void Connect_sends_nothing_and_the_first_Tab_reads_the_product_list_once()
    {
        using var shell = new ModuleRunspace();
        service.ClearRequests();

        shell.ConnectAsAdmin(service);
        var sentByConnect = service.Requests();
        var first = Complete(shell);
        var second = Complete(shell);

        Assert.Empty(sentByConnect);
        Assert.Equal(["CFQ7TTC0HD32", "CFQ7TTC0HD33"], first);
        Assert.Equal(first, second);
        Assert.Equal([ProductList + "?scope=product"], service.Requests().Select(request => request.GetProperty("path").GetString()));
    }

    [Fact]
    public void After_a_listing_the_first_Tab_reads_nothing()
    {
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);
        shell.Invoke("Get-MSCommerceProductPolicies");
        service.ClearRequests();

        var completions = Complete(shell);

        Assert.Equal(["CFQ7TTC0HD32", "CFQ7TTC0HD33"], completions);
        Assert.Empty(service.Requests());
    }

    [Fact]
    public void A_product_list_that_cannot_be_read_completes_to_nothing_without_an_error()
    {
        service.Post("_admin/faults", new { method = "GET", path = ProductList, status = 403, count = 1 });
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);

        var completions = Complete(shell);
        var after = shell.Run("Get-MSCommercePolicies");

        Assert.Empty(completions);
        Assert.Empty(after.Errors);
        Assert.Single(after.Output);
    }

    private static List<string> Complete(ModuleRunspace shell)
    {
        using var powershell = shell.NewPowerShell();
        return CommandCompletion.CompleteInput(Typed, Typed.Length, null, powershell).CompletionMatches.Select(match => match.CompletionText).ToList();
    }

    public void Dispose() => service.Send(HttpMethod.Delete, "_admin/faults");
}
