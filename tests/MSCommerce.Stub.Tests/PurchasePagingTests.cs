using System.Net;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>A service with thousands of generated purchases in each demo tenant.</summary>
public sealed class ManyPurchasesFixture : IAsyncLifetime
{
    public const int Generated = 3000;

    public ServiceFixture Service { get; } = new(Generated);

    public Task InitializeAsync() => Service.InitializeAsync();

    public Task DisposeAsync() => Service.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ManyPurchasesCollection : ICollectionFixture<ManyPurchasesFixture>
{
    public const string Name = "Local commerce service with thousands of purchases";
}

/// <summary>Keyset paging through thousands of purchases: every one exactly once, in order, even while purchases are added and changed.</summary>
[Collection(ManyPurchasesCollection.Name)]
public sealed class PurchasePagingTests(ManyPurchasesFixture fixture)
{
    private const string Purchases = "v1.0/selfServicePurchases";
    private const int ContosoTotal = ManyPurchasesFixture.Generated + DemoData.ContosoSelfServicePurchases;

    private ServiceFixture Service => fixture.Service;

    [Fact]
    public async Task The_largest_pages_serve_every_purchase_once_in_purchase_date_then_id_order()
    {
        // Fabrikam: no test adds purchases there, so its count is known.
        var items = await PageThroughAsync($"{Purchases}?$top=1000", await Service.Admin.TokenAsync(DemoData.PartnerUpn, DemoData.FabrikamDomain));
        var contoso = await PageThroughAsync($"{Purchases}?$top=1000", await Service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.Equal(ManyPurchasesFixture.Generated + 1, items.Count);
        Assert.Equal(items.Count, items.Select(item => item.Id).Distinct().Count());
        AssertStrictlyOrdered(items);
        Assert.True(contoso.Count >= ContosoTotal);
        AssertStrictlyOrdered(contoso);
        Assert.Contains(contoso, item => item.Id == DemoData.DanaPowerAutomateId);
    }

    [Fact]
    public async Task Paging_while_purchases_are_added_and_changed_never_loses_or_repeats_one()
    {
        var admin = await Service.Admin.TokenAsync(DemoData.AdminUpn);
        var alice = await Service.Admin.TokenAsync(DemoData.AliceUpn);
        var before = await PageThroughAsync($"{Purchases}?$top=1000", admin);
        var added = new HashSet<string>();
        var random = new Random(7);

        // Between every two pages: inserts land before, at and after the pager's position (some share an
        // existing purchase date exactly, so only the id breaks the tie); cancellations change rows
        // already served or not yet.
        async Task ChangeTheTenantAsync()
        {
            var twin = before[random.Next(before.Count)];
            var date = random.Next(2) == 0 ? twin.PurchaseDate : twin.PurchaseDate.AddMinutes(random.Next(-600, 600));
            var arranged = await Service.Admin.PostAsync($"_admin/tenants/{DemoData.ContosoDomain}/purchases", new { productId = "CFQ7TTC0H9MP", purchaser = DemoData.AliceUpn, purchaseDate = date });
            var bought = await Service.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Purchases, alice, Shop.Order("CFQ7TTC0LH2H", paymentMethod: "CreditCard"));
            added.Add(arranged.Id());
            added.Add(bought.Id());
            using var cancel = await Service.SendAsync(HttpMethod.Post, $"{Purchases}/{before[random.Next(before.Count)].Id}/cancel", admin);
        }

        var during = await PageThroughAsync($"{Purchases}?$top=7", admin, ChangeTheTenantAsync);

        Assert.True(added.Count > 10, $"only {added.Count} purchases were added while paging");
        Assert.Equal(during.Count, during.Select(item => item.Id).Distinct().Count());
        Assert.Empty(before.Select(item => item.Id).Except(during.Select(item => item.Id)));
        Assert.Empty(during.Select(item => item.Id).Except(before.Select(item => item.Id)).Except(added));
        AssertStrictlyOrdered(during);
    }

    [Theory]
    [InlineData("status=Active&type=Purchase")]
    [InlineData("type=Trial&$expand=orderHistory,assignedUsers")]
    [InlineData("purchaser=" + DemoData.BobUpn + "&createdAfter=2025-01-01T00:00:00Z")]
    [InlineData("productId=CFQ7TTC0H9MP&expiringBefore=2026-06-01")]
    public async Task Small_pages_of_a_filtered_list_add_up_to_the_one_large_page(string filter)
    {
        var token = await Service.Admin.TokenAsync(DemoData.BillingAdminUpn);

        var small = await PageThroughAsync($"{Purchases}?{filter}&$top=25", token);
        var large = await PageThroughAsync($"{Purchases}?{filter}&$top=1000", token);

        Assert.NotEmpty(large);
        Assert.Equal(large.Select(item => item.Id), small.Select(item => item.Id));
    }

    [Fact]
    public async Task A_users_own_list_pages_to_the_same_purchases_an_admin_filters_by_purchaser()
    {
        var mine = await PageThroughAsync("v1.0/me/selfServicePurchases?$top=20&status=Expired", await Service.Admin.TokenAsync(DemoData.BobUpn));
        var filtered = await PageThroughAsync($"{Purchases}?purchaser={DemoData.BobObjectId}&status=Expired&$top=1000", await Service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.True(mine.Count > 20);
        Assert.Equal(filtered.Select(item => item.Id), mine.Select(item => item.Id));
    }

    [Fact]
    public async Task Graph_pages_through_every_subscription_once()
    {
        var token = await Service.Admin.TokenAsync(DemoData.AdminUpn, resource: "https://graph.microsoft.com");
        var ids = new List<string>();
        string? next = "v1.0/directory/subscriptions?$top=999";

        while (next is not null)
        {
            var page = await Service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, next, token);
            ids.AddRange(page.Ids("value", "id"));
            next = page.NextLink("@odata.nextLink");
        }

        Assert.True(ids.Count >= ContosoTotal + DemoData.ContosoOrganizationSubscriptions);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task The_generated_purchases_are_in_every_status_and_by_several_purchasers()
    {
        var items = await PageThroughAsync($"{Purchases}?$top=1000&type=Purchase", await Service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.Equal(["Active", "Cancelled", "Disabled", "Expired"], items.Select(item => item.Status).Distinct().Order());
        Assert.True(items.Select(item => item.Purchaser).Distinct().Count() >= 5);
        Assert.Contains(items, item => item.Purchaser == DemoData.DanaUpn);
    }

    private async Task<List<Row>> PageThroughAsync(string first, string token, Func<Task>? betweenPages = null)
    {
        var rows = new List<Row>();
        string? next = first;
        while (next is not null)
        {
            var page = await Service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, next, token);
            rows.AddRange(page.GetProperty("items").EnumerateArray().Select(Row.Of));
            next = page.NextLink();
            if (next is not null && betweenPages is not null)
            {
                await betweenPages();
            }
        }

        return rows;
    }

    private static void AssertStrictlyOrdered(IReadOnlyList<Row> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            var (previous, current) = (rows[i - 1], rows[i]);
            Assert.True(
                previous.PurchaseDate < current.PurchaseDate || (previous.PurchaseDate == current.PurchaseDate && string.CompareOrdinal(previous.Id, current.Id) < 0),
                $"{previous} comes before {current}");
        }
    }

    private sealed record Row(string Id, DateTime PurchaseDate, string Status, string Purchaser)
    {
        public static Row Of(JsonElement item) =>
            new(item.Id(), item.GetProperty("purchaseDate").GetDateTime(), item.Text("status"), item.Text("purchaserUpn"));
    }
}

public sealed class GeneratedPurchaseTests
{
    [Fact]
    public async Task Generated_purchases_are_seeded_once_however_often_the_service_starts()
    {
        var fixture = new ServiceFixture(seedPurchases: 500);
        await fixture.InitializeAsync();
        try
        {
            var first = await CountAsync(fixture);
            await fixture.RestartAsync();
            var second = await CountAsync(fixture);

            Assert.Equal(500 + DemoData.ContosoSelfServicePurchases, first);
            Assert.Equal(first, second);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static async Task<int> CountAsync(ServiceFixture fixture)
    {
        var page = await fixture.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1.0/selfServicePurchases?$top=1000", await fixture.Admin.TokenAsync(DemoData.AdminUpn));
        Assert.Null(page.NextLink());
        return page.GetProperty("items").GetArrayLength();
    }
}
