using System.Net;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>The purchase list, its filters and expansions, and one purchase by id, over Contoso's demo purchases (which no test changes).</summary>
[Collection(ServiceCollection.Name)]
public sealed class PurchaseApiTests(ServiceFixture service)
{
    private const string Purchases = "v1.0/selfServicePurchases";

    private static readonly string[] AllInOrder =
    [
        DemoData.AliceClipchampId, DemoData.AlicePowerBiProId, DemoData.BobPowerAppsId, DemoData.DanaPowerAutomateId, DemoData.AlicePowerBiPremiumId,
        DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId, DemoData.AliceVisioTrialId,
    ];

    public static TheoryData<string, string[]> Filters() => new()
    {
        { "status=Active", [DemoData.AlicePowerBiProId, DemoData.DanaPowerAutomateId, DemoData.AliceVisioTrialId] },
        { "status=expired", [DemoData.AliceClipchampId, DemoData.BobProjectTrialId] },
        { "status=Disabled", [DemoData.AlicePowerBiPremiumId, DemoData.DanaPlannerTrialId] },
        { "status=CANCELLED", [DemoData.BobPowerAppsId, DemoData.BobTeamsTrialId] },
        { "type=Trial", [DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId, DemoData.AliceVisioTrialId] },
        { "type=purchase", [DemoData.AliceClipchampId, DemoData.AlicePowerBiProId, DemoData.BobPowerAppsId, DemoData.DanaPowerAutomateId, DemoData.AlicePowerBiPremiumId] },
        { "purchaser=" + DemoData.AliceUpn, [DemoData.AliceClipchampId, DemoData.AlicePowerBiProId, DemoData.AlicePowerBiPremiumId, DemoData.AliceVisioTrialId] },
        { "purchaser=ALICE@Contoso.onmicrosoft.com", [DemoData.AliceClipchampId, DemoData.AlicePowerBiProId, DemoData.AlicePowerBiPremiumId, DemoData.AliceVisioTrialId] },
        { $"purchaser={DemoData.BobObjectId}", [DemoData.BobPowerAppsId, DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId] },
        { $"purchaser={DemoData.DanaUpn}", [DemoData.DanaPowerAutomateId, DemoData.DanaPlannerTrialId] },
        { "purchaser=nobody@contoso.onmicrosoft.com", [] },
        { "productId=CFQ7TTC0H9MP", [DemoData.AlicePowerBiProId] },
        { "productId=cfq7ttc0hd33", [DemoData.AliceVisioTrialId] },
        { "productId=CFQ7TTC0NONE", [] },
        { "createdAfter=2026-07-24T09:00:00Z", [DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId, DemoData.AliceVisioTrialId] },
        { "createdAfter=2026-07-24T11:00:00%2B02:00", [DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId, DemoData.AliceVisioTrialId] },
        { "createdAfter=2026-07-04T09:00:00Z", [DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId, DemoData.AliceVisioTrialId] },
        { "createdAfter=2026-07-04T08:59:59Z", [DemoData.AlicePowerBiPremiumId, DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId, DemoData.AliceVisioTrialId] },
        { "expiringBefore=2026-11-01T09:00:00Z", [DemoData.AliceClipchampId, DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId] },
        { "expiringBefore=2026-10-22", [DemoData.AliceClipchampId, DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId] },
        { "purchaser=" + DemoData.AliceUpn + "&status=Active", [DemoData.AlicePowerBiProId, DemoData.AliceVisioTrialId] },
        { "type=Trial&status=Expired", [DemoData.BobProjectTrialId] },
        { "purchaser=" + DemoData.BobUpn + "&type=Purchase", [DemoData.BobPowerAppsId] },
        { "createdAfter=2026-07-24T09:00:00Z&expiringBefore=2026-11-01T09:00:00Z", [DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId] },
        { "productId=CFQ7TTC0HD33&type=Trial&status=Active&purchaser=" + DemoData.AliceUpn, [DemoData.AliceVisioTrialId] },
        { "status=Active&type=Trial&purchaser=" + DemoData.BobUpn, [] },
    };

    [Fact]
    public async Task Admins_list_every_self_service_purchase_and_trial_by_purchase_date_and_no_central_subscription()
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Purchases, await service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.Equal(AllInOrder, page.Ids());
        Assert.Null(page.NextLink());
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filters_answer_exactly_the_matching_purchases_in_order(string query, string[] expected)
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?{query}", await service.Admin.TokenAsync(DemoData.BillingAdminUpn));

        Assert.Equal(expected, page.Ids());
    }

    [Fact]
    public async Task An_item_carries_every_field_of_the_contract_and_no_expansion_unless_asked()
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?productId=CFQ7TTC0H9MP", await service.Admin.TokenAsync(DemoData.AdminUpn));

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(DemoData.AlicePowerBiProId, item.Text("subscriptionId"));
        Assert.Equal("CFQ7TTC0H9MP", item.Text("productId"));
        Assert.Equal("Power BI Pro", item.Text("productName"));
        Assert.Equal(DemoData.AliceObjectId, item.Text("purchaserObjectId"));
        Assert.Equal(DemoData.AliceUpn, item.Text("purchaserUpn"));
        Assert.Equal("Alice Example", item.Text("purchaserDisplayName"));
        Assert.Equal(8, item.GetProperty("quantity").GetInt32());
        Assert.Equal(2, item.GetProperty("assignedLicenses").GetInt32());
        Assert.Equal("Active", item.Text("status"));
        Assert.False(item.GetProperty("isTrial").GetBoolean());
        Assert.Equal("2025-09-27T09:00:00Z", item.Text("purchaseDate"));
        Assert.Equal("2027-09-27T09:00:00Z", item.Text("expirationDate"));
        Assert.True(item.GetProperty("autoRenew").GetBoolean());
        Assert.Equal("14.00", item.GetProperty("unitPrice").GetRawText());
        Assert.Equal("USD", item.Text("currency"));
        Assert.Equal("Monthly", item.Text("billingFrequency"));
        Assert.False(item.TryGetProperty("orderHistory", out _));
        Assert.False(item.TryGetProperty("assignedUsers", out _));
    }

    [Fact]
    public async Task Expand_adds_the_order_history_and_the_assigned_users_to_every_item()
    {
        var token = await service.Admin.TokenAsync(DemoData.GlobalReaderUpn);

        var both = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?$expand=orderHistory,assignedUsers", token);
        var usersOnly = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?$expand=AssignedUsers", token);

        Assert.All(both.GetProperty("items").EnumerateArray(), item => Assert.NotEmpty(item.GetProperty("orderHistory").EnumerateArray()));
        var powerBi = both.GetProperty("items").EnumerateArray().Single(item => item.Id() == DemoData.AlicePowerBiProId);
        Assert.Equal(
            ["Purchase 2025-09-27T09:00:00Z 5 70.00 USD", "QuantityChange 2026-01-05T09:00:00Z 8 42.00 USD", "Renewal 2026-09-27T09:00:00Z 8 112.00 USD"],
            powerBi.GetProperty("orderHistory").EnumerateArray().Select(Event));
        Assert.Equal([DemoData.AliceUpn, DemoData.BobUpn], powerBi.GetProperty("assignedUsers").EnumerateArray().Select(user => user.Text("userPrincipalName")));
        Assert.All(usersOnly.GetProperty("items").EnumerateArray(), item =>
        {
            Assert.False(item.TryGetProperty("orderHistory", out _));
            Assert.Equal(item.GetProperty("assignedLicenses").GetInt32(), item.GetProperty("assignedUsers").GetArrayLength());
        });
    }

    [Fact]
    public async Task One_purchase_by_id_comes_with_its_history_and_assigned_users()
    {
        var purchase = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{DemoData.BobTeamsTrialId}", await service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.Equal("Teams Exploratory", purchase.Text("productName"));
        Assert.True(purchase.GetProperty("isTrial").GetBoolean());
        Assert.Equal("Cancelled", purchase.Text("status"));
        Assert.Equal("0.00", purchase.GetProperty("unitPrice").GetRawText());
        Assert.Equal("None", purchase.Text("billingFrequency"));
        Assert.Equal(["TrialStarted 2026-09-17T09:00:00Z 10 0.00 USD", "Cancellation 2026-10-02T09:00:00Z 10 0.00 USD"], purchase.GetProperty("orderHistory").EnumerateArray().Select(Event));
        Assert.Empty(purchase.GetProperty("assignedUsers").EnumerateArray());
    }

    [Fact]
    public async Task A_purchase_whose_purchaser_left_stays_Active_and_still_names_them()
    {
        var purchase = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{DemoData.DanaPowerAutomateId}", await service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.Equal("Active", purchase.Text("status"));
        Assert.Equal(DemoData.DanaUpn, purchase.Text("purchaserUpn"));
        Assert.Equal("Annual", purchase.Text("billingFrequency"));
        Assert.Equal("180.00", purchase.GetProperty("unitPrice").GetRawText());
        Assert.Equal(["Purchase 2026-06-04T09:00:00Z 3 540.00 USD"], purchase.GetProperty("orderHistory").EnumerateArray().Select(Event));
        Assert.Equal([DemoData.BobUpn], purchase.GetProperty("assignedUsers").EnumerateArray().Select(user => user.Text("userPrincipalName")));
    }

    [Fact]
    public async Task The_ids_of_purchases_are_read_in_any_case_and_a_central_subscription_is_not_a_self_service_purchase()
    {
        var token = await service.Admin.TokenAsync(DemoData.AdminUpn);

        var upper = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{DemoData.AlicePowerBiProId.ToUpperInvariant()}", token);
        var central = await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{Purchases}/{DemoData.ContosoF3Id}", token);

        Assert.Equal(DemoData.AlicePowerBiProId, upper.Id());
        Assert.Equal("NotFound", central.Text("errorCode"));
    }

    [Theory]
    [InlineData("v1.0")]
    [InlineData("v1")]
    public async Task Both_versions_serve_the_list_and_its_nextLink_stays_on_the_version_asked(string version)
    {
        var token = await service.Admin.TokenAsync(DemoData.AdminUpn);

        var first = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{version}/selfServicePurchases?$top=5", token);
        var next = first.NextLink()!;
        var second = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, next, token);

        Assert.StartsWith($"{service.Service.BaseAddress}{version}/selfServicePurchases?", next);
        Assert.Equal(AllInOrder, first.Ids().Concat(second.Ids()));
        Assert.Null(second.NextLink());
    }

    [Fact]
    public async Task The_nextLink_carries_every_filter_top_and_expansion_to_the_next_page()
    {
        var token = await service.Admin.TokenAsync(DemoData.AdminUpn);

        var first = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get,
            $"{Purchases}?status=active&type=Purchase&createdAfter=2025-01-01&expiringBefore=2030-01-01T00:00:00Z&purchaser={DemoData.AliceUpn}&productId=CFQ7TTC0H9MP&$expand=orderHistory&$top=1", token);
        var all = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?status=Active&$expand=orderHistory&$top=2", token);
        var rest = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, all.NextLink()!, token);

        Assert.Equal([DemoData.AlicePowerBiProId], first.Ids());
        var link = Uri.UnescapeDataString(all.NextLink()!);
        Assert.Contains("status=Active", link);
        Assert.Contains("$expand=orderHistory", link);
        Assert.Contains("$top=2", link);
        Assert.Contains("$skiptoken=", link);
        Assert.Equal([DemoData.AlicePowerBiProId, DemoData.DanaPowerAutomateId], all.Ids());
        Assert.Equal([DemoData.AliceVisioTrialId], rest.Ids());
        Assert.True(rest.GetProperty("items")[0].TryGetProperty("orderHistory", out _));
        Assert.Null(rest.NextLink());
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("9", 9)]
    [InlineData("1000", 9)]
    public async Task Top_takes_1_to_1000(string top, int count)
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?$top={top}", await service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.Equal(count, page.GetProperty("items").GetArrayLength());
        Assert.Equal(count < 9, page.NextLink() is not null);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public async Task Top_outside_1_to_1000_is_400_naming_it(string top)
    {
        var error = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"{Purchases}?$top={top}", await service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.Equal("BadRequest", error.Text("errorCode"));
        Assert.Contains("$top", error.Text("reason"));
    }

    [Theory]
    [InlineData(DemoData.AliceUpn, "", new[] { DemoData.AliceClipchampId, DemoData.AlicePowerBiProId, DemoData.AlicePowerBiPremiumId, DemoData.AliceVisioTrialId })]
    [InlineData(DemoData.AliceUpn, "?status=Active", new[] { DemoData.AlicePowerBiProId, DemoData.AliceVisioTrialId })]
    [InlineData(DemoData.AliceUpn, "?purchaser=" + DemoData.BobUpn, new string[0])]
    [InlineData(DemoData.BobUpn, "?type=Trial", new[] { DemoData.BobProjectTrialId, DemoData.BobTeamsTrialId })]
    [InlineData(DemoData.AdminUpn, "", new string[0])]
    [InlineData(DemoData.GuestUpn, "", new string[0])]
    public async Task Me_lists_the_callers_own_purchases_with_the_same_options(string user, string query, string[] expected)
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"v1.0/me/selfServicePurchases{query}", await service.Admin.TokenAsync(user));

        Assert.Equal(expected, page.Ids());
    }

    [Fact]
    public async Task Me_pages_with_a_nextLink_that_stays_on_me()
    {
        var token = await service.Admin.TokenAsync(DemoData.AliceUpn);

        var first = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1/me/selfServicePurchases?$top=3&$expand=assignedUsers", token);
        var second = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, first.NextLink()!, token);

        Assert.StartsWith($"{service.Service.BaseAddress}v1/me/selfServicePurchases?", first.NextLink());
        Assert.Equal([DemoData.AliceVisioTrialId], second.Ids());
        Assert.Equal(DemoData.AliceUpn, second.GetProperty("items")[0].GetProperty("assignedUsers")[0].Text("userPrincipalName"));
    }

    private static string Event(JsonElement entry) =>
        $"{entry.Text("eventType")} {entry.Text("date")} {entry.GetProperty("quantity").GetInt32()} {entry.GetProperty("amount").GetRawText()} {entry.Text("currency")}";
}
