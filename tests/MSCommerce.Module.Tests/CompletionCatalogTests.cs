using System.Management.Automation;

namespace MSCommerce.Module.Tests;

/// <summary>A local service of its own, so that counting its requests and failing its product list touch no other test.</summary>
public sealed class CompletionCatalogServiceFixture : LocalService;

/// <summary>
/// Connect-MSCommerce signs in and reads nothing else (a cold sign-in does not wait for a list only Tab
/// needs). Tab completion of product ids starts one background read of the product list the first time
/// it finds the connection's catalog empty and waits for it only a moment, so a slow service never holds
/// the prompt: that Tab offers what is known, a later one the products. Any listing fills the catalog as well.
/// </summary>
public sealed class CompletionCatalogTests(CompletionCatalogServiceFixture service) : IClassFixture<CompletionCatalogServiceFixture>, IDisposable
{
    private const string ProductList = "/v1.0/policies/AllowSelfServicePurchase/products";
    private const string Typed = "Update-MSCommerceProductPolicy -ProductId CFQ7TTC0HD3";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void Connect_sends_nothing_and_Tab_reads_the_product_list_once()
    {
        using var shell = new ModuleRunspace();
        service.Admin.ClearRequests();

        shell.ConnectAsAdmin(service);
        var sentByConnect = service.Admin.Requests();
        var completions = CompleteUntilOffered(shell);
        var again = Complete(shell);

        Assert.Empty(sentByConnect);
        Assert.Equal(["CFQ7TTC0HD32", "CFQ7TTC0HD33"], completions);
        Assert.Equal(completions, again);
        Assert.Equal([ProductList + "?scope=product"], service.Admin.Requests().Select(request => request.GetProperty("path").GetString()));
    }

    [Fact]
    public void On_a_slow_service_the_first_Tab_does_not_wait_for_the_product_list_and_a_later_Tab_has_it()
    {
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);
        service.Admin.ClearRequests();
        service.Admin.Post("_admin/faults", new { method = "GET", path = ProductList, status = 200, latencyMs = 4000, count = 1 });

        var first = Complete(shell);
        var later = CompleteUntilOffered(shell);

        Assert.Empty(first);
        Assert.Equal(["CFQ7TTC0HD32", "CFQ7TTC0HD33"], later);
        Assert.Single(service.Admin.Requests(), request => request.GetProperty("path").GetString() == ProductList + "?scope=product");
    }

    [Fact]
    public void After_a_listing_the_first_Tab_reads_nothing()
    {
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);
        shell.Invoke("Get-MSCommerceProductPolicies");
        service.Admin.ClearRequests();

        var completions = Complete(shell);

        Assert.Equal(["CFQ7TTC0HD32", "CFQ7TTC0HD33"], completions);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void A_product_list_that_cannot_be_read_completes_to_nothing_without_an_error()
    {
        service.Admin.Post("_admin/faults", new { method = "GET", path = ProductList, status = 403, count = 1 });
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);
        service.Admin.ClearRequests();

        Complete(shell);
        WaitFor(() => service.Admin.Requests().Any(request => request.GetProperty("status").GetInt32() == 403), "the product list's refusal");
        var completions = Complete(shell);
        var after = shell.Run("Get-MSCommercePolicies");

        Assert.Empty(completions);
        Assert.Empty(after.Errors);
        Assert.Single(after.Output);
    }

    [Fact]
    public void A_product_name_given_as_an_id_is_answered_with_its_id_from_the_product_list()
    {
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);

        var result = shell.Run("Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId 'Visio Plan 1' -Value Disabled -Confirm:$false");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("'Visio Plan 1' is not a product id; did you mean CFQ7TTC0HD33 (Visio Plan 1)", error.Exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Presses Tab again, as a user would, until the background read has come in.</summary>
    private static List<string> CompleteUntilOffered(ModuleRunspace shell)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var completions = Complete(shell);
            if (completions.Count > 0 || DateTime.UtcNow > until)
            {
                return completions;
            }

            Thread.Sleep(50);
        }
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Not within {Deadline}: {what}.");
            }

            Thread.Sleep(50);
        }
    }

    private static List<string> Complete(ModuleRunspace shell)
    {
        using var powershell = shell.NewPowerShell();
        return CommandCompletion.CompleteInput(Typed, Typed.Length, null, powershell).CompletionMatches.Select(match => match.CompletionText).ToList();
    }

    public void Dispose() => service.Admin.ClearFaults();
}
