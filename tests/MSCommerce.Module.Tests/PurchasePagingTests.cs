using System.Collections;
using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>A local service of its own with thousands of purchases, for paging that must lose and repeat nothing.</summary>
public sealed class ManyPurchasesServiceFixture() : LocalService(options => options.SeedPurchases = ExtraPurchases)
{
    public const int ExtraPurchases = 3000;
}

public sealed class PurchasePagingTests(ManyPurchasesServiceFixture service) : IClassFixture<ManyPurchasesServiceFixture>, IDisposable
{
    private readonly ModuleRunspace _shell = ModuleRunspace.ConnectedAsAdmin(service);

    [Fact]
    public void Thousands_of_purchases_page_through_with_none_lost_or_repeated()
    {
        service.Admin.ClearRequests();

        var ids = _shell.Invoke("Get-MSCommerceSelfServicePurchases -PageSize 250").Select(purchase => (string)purchase.Properties["SubscriptionId"].Value).ToList();

        Assert.True(ids.Count >= ManyPurchasesServiceFixture.ExtraPurchases + DemoData.ContosoSelfServicePurchases, $"{ids.Count} purchases listed.");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((ids.Count + 249) / 250, PurchasePages());
    }

    [Fact]
    public void A_pipeline_that_stops_early_stops_the_paging_with_at_most_one_page_read_ahead()
    {
        service.Admin.ClearRequests();

        var seen = _shell.Invoke("Get-MSCommerceSelfServicePurchases -PageSize 10 | Select-Object -First 15");

        Assert.Equal(15, seen.Count);
        Assert.InRange(PurchasePages(), 2, 3);
    }

    [Fact]
    public void The_first_purchase_is_written_before_the_second_page_is_asked_for()
    {
        service.Admin.ClearRequests();
        var pagesAskedFor = new List<int>();
        var onFirst = new Action(() => pagesAskedFor.Add(PurchasePages()));

        _shell.Invoke("param($onFirst) Get-MSCommerceSelfServicePurchases -PageSize 10 | Select-Object -First 1 | ForEach-Object { $onFirst.Invoke() }",
            new Hashtable { ["onFirst"] = onFirst });

        Assert.Equal([1], pagesAskedFor);
    }

    private int PurchasePages() =>
        service.Admin.Requests("GET").Count(request => request.GetProperty("path").GetString()!.StartsWith("/v1.0/selfServicePurchases", StringComparison.Ordinal));

    [Fact]
    public void Filters_hold_across_pages()
    {
        var trials = _shell.Invoke("Get-MSCommerceSelfServicePurchases -Type Trial -Status Active -PageSize 100");

        Assert.NotEmpty(trials);
        Assert.All(trials, purchase =>
        {
            Assert.Equal(true, purchase.Properties["IsTrial"].Value);
            Assert.Equal("Active", purchase.Properties["Status"].Value);
        });
    }

    public void Dispose() => _shell.Dispose();
}
