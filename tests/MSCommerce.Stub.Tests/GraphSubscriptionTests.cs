using System.Net;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>Microsoft Graph's /v1.0/directory/subscriptions over the same purchases, central ones included.</summary>
[Collection(ServiceCollection.Name)]
public sealed class GraphSubscriptionTests(ServiceFixture service)
{
    private const string Subscriptions = "v1.0/directory/subscriptions";
    private const string Graph = "https://graph.microsoft.com";

    [Fact]
    public async Task Graph_lists_self_service_and_central_subscriptions_by_creation_date()
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Subscriptions, await service.Admin.TokenAsync(DemoData.GlobalReaderUpn, resource: Graph));

        Assert.Equal(
        [
            DemoData.AliceClipchampId, DemoData.AlicePowerBiProId, DemoData.ContosoF3Id, DemoData.ContosoPowerBiProId, DemoData.BobPowerAppsId, DemoData.DanaPowerAutomateId,
            DemoData.ContosoPowerAutomateId, DemoData.AlicePowerBiPremiumId, DemoData.BobProjectTrialId, DemoData.ContosoCopilotId, DemoData.BobTeamsTrialId, DemoData.DanaPlannerTrialId, DemoData.AliceVisioTrialId,
        ], page.Ids("value", "id"));
        Assert.Equal($"{service.Service.BaseAddress}v1.0/$metadata#directory/subscriptions", page.Text("@odata.context"));
        Assert.Null(page.NextLink("@odata.nextLink"));
    }

    [Fact]
    public async Task A_companySubscription_has_Graphs_shape_and_ownerType_User_for_a_self_service_purchase()
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Subscriptions, await service.Admin.TokenAsync(DemoData.AdminUpn, resource: Graph));

        var bought = Item(page, DemoData.AlicePowerBiProId);
        Assert.Equal(
            ["id", "commerceSubscriptionId", "createdDateTime", "isTrial", "nextLifecycleDateTime", "ownerId", "ownerTenantId", "ownerType", "serviceStatus", "skuId", "skuPartNumber", "status", "totalLicenses"],
            bought.EnumerateObject().Select(property => property.Name));
        Assert.True(Guid.TryParse(bought.Text("commerceSubscriptionId"), out _));
        Assert.NotEqual(bought.Text("id"), bought.Text("commerceSubscriptionId"));
        Assert.Equal("2025-09-27T09:00:00Z", bought.Text("createdDateTime"));
        Assert.Equal("2027-09-27T09:00:00Z", bought.Text("nextLifecycleDateTime"));
        Assert.False(bought.GetProperty("isTrial").GetBoolean());
        Assert.Equal(DemoData.AliceObjectId, bought.Text("ownerId"));
        Assert.Equal(DemoData.ContosoTenantId, bought.Text("ownerTenantId"));
        Assert.Equal("User", bought.Text("ownerType"));
        Assert.Equal("POWER_BI_PRO", bought.Text("skuPartNumber"));
        Assert.Equal("Enabled", bought.Text("status"));
        Assert.Equal(8, bought.GetProperty("totalLicenses").GetInt32());
        var plan = Assert.Single(bought.GetProperty("serviceStatus").EnumerateArray());
        Assert.Equal("Success", plan.Text("provisioningStatus"));
    }

    [Fact]
    public async Task A_central_subscription_is_ownerType_Organization_without_owner_and_shares_the_products_sku()
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Subscriptions, await service.Admin.TokenAsync(DemoData.BillingAdminUpn, resource: Graph));

        var central = Item(page, DemoData.ContosoPowerBiProId);
        Assert.Equal("Organization", central.Text("ownerType"));
        Assert.Equal(JsonValueKind.Null, central.GetProperty("ownerId").ValueKind);
        Assert.Equal(100, central.GetProperty("totalLicenses").GetInt32());
        Assert.Equal(Item(page, DemoData.AlicePowerBiProId).Text("skuId"), central.Text("skuId"));
        Assert.Equal("MICROSOFT_365_COPILOT", Item(page, DemoData.ContosoCopilotId).Text("skuPartNumber"));
        Assert.Equal("POWER_BI_PREMIUM_STANDALONE", Item(page, DemoData.AlicePowerBiPremiumId).Text("skuPartNumber"));
        Assert.Equal(DemoData.ContosoOrganizationSubscriptions, page.GetProperty("value").EnumerateArray().Count(item => item.Text("ownerType") == "Organization"));
    }

    [Theory]
    [InlineData(DemoData.AlicePowerBiProId, "Enabled")]
    [InlineData(DemoData.AliceClipchampId, "Expired")]
    [InlineData(DemoData.AlicePowerBiPremiumId, "Suspended")]
    [InlineData(DemoData.BobPowerAppsId, "Warning")]
    [InlineData(DemoData.DanaPlannerTrialId, "Suspended")]
    public async Task Statuses_map_to_Graphs(string subscriptionId, string status)
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Subscriptions, await service.Admin.TokenAsync(DemoData.AdminUpn, resource: Graph));

        Assert.Equal(status, Item(page, subscriptionId).Text("status"));
    }

    [Fact]
    public async Task Graph_pages_with_top_and_an_odata_nextLink()
    {
        var token = await service.Admin.TokenAsync(DemoData.AdminUpn, resource: Graph);
        var ids = new List<string>();
        var pages = 0;
        string? next = $"{Subscriptions}?$top=5";

        while (next is not null)
        {
            var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, next, token);
            ids.AddRange(page.Ids("value", "id"));
            next = page.NextLink("@odata.nextLink");
            Assert.True(next is null || next.StartsWith($"{service.Service.BaseAddress}{Subscriptions}?$top=5&$skiptoken=", StringComparison.Ordinal), next);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(DemoData.ContosoSelfServicePurchases + DemoData.ContosoOrganizationSubscriptions, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("$top=999", HttpStatusCode.OK)]
    [InlineData("$top=1000", HttpStatusCode.BadRequest)]
    [InlineData("$top=0", HttpStatusCode.BadRequest)]
    [InlineData("$skiptoken=bm9wZQ", HttpStatusCode.BadRequest)]
    [InlineData("$filter=ownerType eq 'User'", HttpStatusCode.BadRequest)]
    [InlineData("status=Active", HttpStatusCode.BadRequest)]
    public async Task Graph_takes_top_up_to_999_and_its_own_skiptoken_only(string query, HttpStatusCode status)
    {
        await service.ExpectAsync(status, HttpMethod.Get, $"{Subscriptions}?{query}", await service.Admin.TokenAsync(DemoData.AdminUpn, resource: Graph));
    }

    [Fact]
    public async Task A_License_Manager_token_on_Graph_and_a_Graph_token_on_License_Manager_are_401()
    {
        var onGraph = await service.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, Subscriptions, await service.Admin.TokenAsync(DemoData.AdminUpn));
        var onLicenseManager = await service.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "v1.0/selfServicePurchases", await service.Admin.TokenAsync(DemoData.AdminUpn, resource: Graph));

        Assert.Contains("audience", onGraph.Text("reason"));
        Assert.Contains("audience", onLicenseManager.Text("reason"));
    }

    [Fact]
    public async Task Graph_answers_readers_and_read_apps_and_refuses_plain_users()
    {
        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Subscriptions, await service.Admin.AppTokenAsync(DemoData.ReportingClientId, resource: Graph));
        var refusal = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, Subscriptions, await service.Admin.TokenAsync(DemoData.AliceUpn, resource: Graph));

        Assert.Contains("Global Reader", refusal.Text("reason"));
    }

    [Fact]
    public async Task Graph_shows_only_the_callers_tenant()
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Subscriptions, await service.Admin.TokenAsync(DemoData.PartnerUpn, DemoData.FabrikamDomain, Graph));

        Assert.Equal([DemoData.PartnerPowerBiProId], page.Ids("value", "id"));
    }

    private static JsonElement Item(JsonElement page, string id) => page.GetProperty("value").EnumerateArray().Single(item => item.Text("id") == id);
}
