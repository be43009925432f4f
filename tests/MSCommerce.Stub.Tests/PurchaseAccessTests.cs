using System.Net;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>Who sees and manages which purchases: admin roles, app roles, purchasers, everyone else, other tenants and partners.</summary>
[Collection(ServiceCollection.Name)]
public sealed class PurchaseAccessTests(ServiceFixture service)
{
    private const string Purchases = "v1.0/selfServicePurchases";
    private const string ReadWrite = "Policy.ReadWrite.AllowSelfServicePurchase";
    private const string Read = "Policy.Read.AllowSelfServicePurchase";

    [Theory]
    [InlineData(DemoData.AdminUpn, true)]
    [InlineData(DemoData.BillingAdminUpn, true)]
    [InlineData(DemoData.GlobalReaderUpn, true)]
    [InlineData(DemoData.AliceUpn, false)]
    [InlineData(DemoData.GuestUpn, false)]
    public async Task Users_list_the_tenants_purchases_only_with_an_admin_role(string user, bool mayList)
    {
        var answer = await service.ExpectAsync(mayList ? HttpStatusCode.OK : HttpStatusCode.Forbidden, HttpMethod.Get, Purchases, await service.Admin.TokenAsync(user));

        if (mayList)
        {
            Assert.Equal(DemoData.ContosoSelfServicePurchases, answer.GetProperty("items").GetArrayLength());
        }
        else
        {
            Assert.Equal("Forbidden", answer.Text("errorCode"));
            Assert.Contains("requires one of: Global Administrator, Billing Administrator, Global Reader", answer.Text("reason"));
        }
    }

    [Theory]
    [InlineData(DemoData.AutomationClientId)]
    [InlineData(DemoData.ReportingClientId)]
    public async Task Apps_with_the_read_or_read_write_role_list_the_tenants_purchases(string clientId)
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Purchases, await service.Admin.AppTokenAsync(clientId));

        Assert.Equal(DemoData.ContosoSelfServicePurchases, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_app_without_a_role_is_403_naming_the_app_roles()
    {
        var shop = await Shop.OpenAsync(service);

        var refusal = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, Purchases, await shop.AppAsync());

        Assert.Contains(Read, refusal.Text("reason"));
        Assert.Contains(ReadWrite, refusal.Text("reason"));
    }

    [Fact]
    public async Task An_app_has_no_purchases_of_its_own_and_cannot_buy()
    {
        var token = await service.Admin.AppTokenAsync(DemoData.AutomationClientId);

        var me = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "v1.0/me/selfServicePurchases", token);
        var buy = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Purchases, token, Shop.Order("CFQ7TTC0H9MP", paymentMethod: "CreditCard"));

        Assert.Equal("Forbidden", me.Text("errorCode"));
        Assert.Equal("Forbidden", buy.Text("errorCode"));
    }

    [Theory]
    [InlineData(DemoData.AdminUpn, DemoData.BobPowerAppsId, true)]
    [InlineData(DemoData.GlobalReaderUpn, DemoData.DanaPowerAutomateId, true)]
    [InlineData(DemoData.AliceUpn, DemoData.AlicePowerBiProId, true)]
    [InlineData(DemoData.BobUpn, DemoData.AlicePowerBiProId, false)]
    [InlineData(DemoData.GuestUpn, DemoData.AlicePowerBiProId, false)]
    [InlineData(DemoData.BobUpn, "c0000000-0000-0000-0000-0000000000ff", false)]
    [InlineData(DemoData.AdminUpn, "not-a-subscription-id", false)]
    public async Task A_purchase_by_id_is_seen_by_admin_readers_and_its_purchaser_and_is_404_to_anyone_else(string user, string subscriptionId, bool maySee)
    {
        var answer = await service.ExpectAsync(maySee ? HttpStatusCode.OK : HttpStatusCode.NotFound, HttpMethod.Get, $"{Purchases}/{subscriptionId}", await service.Admin.TokenAsync(user));

        Assert.Equal(maySee ? subscriptionId : "NotFound", maySee ? answer.Id() : answer.Text("errorCode"));
    }

    [Fact]
    public async Task Another_tenants_admin_sees_only_their_own_tenants_purchases()
    {
        var inFabrikam = await service.Admin.TokenAsync(DemoData.PartnerUpn, DemoData.FabrikamDomain);

        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Purchases, inFabrikam);
        var contosos = await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{Purchases}/{DemoData.AlicePowerBiProId}", inFabrikam);

        Assert.Equal([DemoData.PartnerPowerBiProId], page.Ids());
        Assert.Equal("NotFound", contosos.Text("errorCode"));
    }

    [Fact]
    public async Task A_partner_lists_a_customers_purchases_with_the_delegated_role_and_nothing_where_it_has_none()
    {
        var inCustomer = await service.Admin.TokenAsync(DemoData.PartnerUpn, DemoData.ContosoDomain);
        var shop = await Shop.OpenAsync(service);
        var elsewhere = await service.Admin.TokenAsync(DemoData.PartnerUpn, shop.Domain);

        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Purchases, inCustomer);
        var refused = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, Purchases, elsewhere);

        Assert.Equal(DemoData.ContosoSelfServicePurchases, page.GetProperty("items").GetArrayLength());
        Assert.Equal("Forbidden", refused.Text("errorCode"));
    }

    [Fact]
    public async Task A_partner_with_delegated_Billing_Administrator_manages_a_customers_purchase()
    {
        var shop = await Shop.OpenAsync(service);
        await service.Admin.PostAsync($"_admin/tenants/{shop.Domain}/delegations", new { partnerTenant = DemoData.FabrikamDomain, userPrincipalName = DemoData.PartnerUpn, roles = new[] { "BillingAdministrator" } });
        var purchase = await shop.BuyAsync();

        var cancelled = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Purchases}/{purchase.Id()}/cancel", await service.Admin.TokenAsync(DemoData.PartnerUpn, shop.Domain));

        Assert.Equal("Cancelled", cancelled.Text("status"));
    }

    [Fact]
    public async Task The_purchaser_and_admin_writers_manage_a_purchase_readers_are_403_and_other_users_404()
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.BuyAsync(quantity: 5);
        var path = $"{Purchases}/{purchase.Id()}";
        var colleague = await shop.UserAsync("colleague");
        var reader = await shop.UserAsync("reader", ["GlobalReader"]);
        var billing = await shop.UserAsync("billing", ["BillingAdministrator"]);
        var readApp = await shop.AppAsync(Read);
        var writeApp = await shop.AppAsync(ReadWrite);

        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, shop.Buyer, """{"quantity":6}""");
        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, billing, """{"quantity":7}""");
        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, writeApp, """{"quantity":8}""");
        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{path}/assignedUsers", shop.Admin, $$"""{"user":"colleague@{{shop.Domain}}"}""");
        await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Patch, path, colleague, """{"quantity":9}""");
        await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{path}/cancel", colleague);
        await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, path, colleague);
        var readerRefusal = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Patch, path, reader, """{"quantity":9}""");
        await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"{path}/cancel", readApp);
        await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, $"{path}/assignedUsers/colleague@{shop.Domain}", reader);
        var seen = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, readApp);
        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{path}/cancel", shop.Buyer);

        Assert.Contains("Global Administrator, Billing Administrator", readerRefusal.Text("reason"));
        Assert.Contains("purchaser", readerRefusal.Text("reason"));
        Assert.Equal(8, seen.GetProperty("quantity").GetInt32());
        Assert.Equal(1, seen.GetProperty("assignedLicenses").GetInt32());
    }

    [Fact]
    public async Task A_purchaser_without_an_admin_role_gets_the_same_answer_for_any_user_not_on_the_purchase_whether_they_never_existed_left_or_are_not_on_it()
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.BuyAsync(quantity: 2);
        var path = $"{Purchases}/{purchase.Id()}/assignedUsers";
        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, path, shop.Buyer, $$"""{"user":"{{shop.BuyerUpn}}"}""");
        await shop.UserAsync("colleague");
        await shop.UserAsync("leaver");
        using (var deleted = await service.Http.DeleteAsync($"_admin/tenants/{shop.Domain}/users/leaver@{shop.Domain}"))
        {
            deleted.AssertStatus(HttpStatusCode.NoContent);
        }

        var answers = new List<string>();
        foreach (var user in new[] { $"nobody@{shop.Domain}", $"leaver@{shop.Domain}", $"colleague@{shop.Domain}", Guid.NewGuid().ToString() })
        {
            using var response = await service.SendAsync(HttpMethod.Delete, $"{path}/{user}", shop.Buyer);
            answers.Add($"{(int)response.StatusCode} {string.Join(",", response.Content.Headers.Select(header => header.Key))} {await response.Content.ReadAsStringAsync()}");
        }

        var after = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{purchase.Id()}", shop.Buyer);
        var adminAnswer = await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"{path}/nobody@{shop.Domain}", shop.Admin);

        Assert.Equal(["204  "], answers.Distinct());
        Assert.Equal(shop.BuyerUpn, Assert.Single(after.GetProperty("assignedUsers").EnumerateArray()).Text("userPrincipalName"));
        Assert.Contains("is not a user", adminAnswer.Text("reason"));
        Assert.Equal("UserNotFound", adminAnswer.Text("errorCode"));
    }
}
