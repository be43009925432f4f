using System.Net;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>What changes after buying: quantity, cancelling, and who holds the licences.</summary>
[Collection(ServiceCollection.Name)]
public sealed class PurchaseChangeTests(ServiceFixture service)
{
    private const string Purchases = "v1.0/selfServicePurchases";

    [Fact]
    public async Task Buying_more_licences_records_a_QuantityChange_priced_for_the_difference()
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.BuyAsync(quantity: 2);

        var more = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{Purchases}/{purchase.Id()}", shop.Buyer, """{"quantity":5}""");
        var fewer = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"v1/selfServicePurchases/{purchase.Id()}", shop.Admin, """{"quantity":4}""");
        var same = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{Purchases}/{purchase.Id()}", shop.Admin, """{"quantity":4}""");

        Assert.Equal(5, more.GetProperty("quantity").GetInt32());
        Assert.Equal(4, fewer.GetProperty("quantity").GetInt32());
        Assert.Equal(
            ["Purchase 2 28.00", "QuantityChange 5 42.00", "QuantityChange 4 -14.00"],
            same.GetProperty("orderHistory").EnumerateArray().Select(entry => $"{entry.Text("eventType")} {entry.GetProperty("quantity").GetInt32()} {entry.GetProperty("amount").GetRawText()}"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    [InlineData(1)]
    public async Task A_quantity_out_of_range_or_below_the_assigned_licences_is_400(int quantity)
    {
        var shop = await Shop.OpenAsync(service);
        await shop.UserAsync("colleague");
        var purchase = await shop.BuyAsync(quantity: 3);
        await Assign(shop, purchase, shop.BuyerUpn);
        await Assign(shop, purchase, $"colleague@{shop.Domain}");

        var error = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, $"{Purchases}/{purchase.Id()}", shop.Buyer, $$"""{"quantity":{{quantity}}}""");

        Assert.Equal(quantity == 1 ? "QuantityBelowAssigned" : "QuantityOutOfRange", error.Text("errorCode"));
        Assert.Contains(quantity == 1 ? "2 licences are assigned" : "quantity must be between 1 and 10000", error.Text("reason"));
    }

    [Fact]
    public async Task A_trials_quantity_is_fixed()
    {
        var shop = await Shop.OpenAsync(service);
        var trial = await shop.BuyAsync("CFQ7TTC0HD33", isTrial: true, paymentMethod: null);

        var error = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, $"{Purchases}/{trial.Id()}", shop.Buyer, """{"quantity":5}""");

        Assert.Contains("trial", error.Text("reason"));
        Assert.Equal("TrialQuantityFixed", error.Text("errorCode"));
    }

    [Fact]
    public async Task Cancelling_sets_Cancelled_stops_renewal_and_records_it_and_cancelling_again_is_409()
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.BuyAsync(quantity: 2);
        var path = $"{Purchases}/{purchase.Id()}";

        var cancelled = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{path}/cancel", shop.Buyer);
        var again = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{path}/cancel", shop.Admin);
        var patch = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Patch, path, shop.Buyer, """{"quantity":3}""");
        var assign = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{path}/assignedUsers", shop.Buyer, $$"""{"user":"{{shop.BuyerUpn}}"}""");

        Assert.Equal("Cancelled", cancelled.Text("status"));
        Assert.False(cancelled.GetProperty("autoRenew").GetBoolean());
        Assert.Equal(purchase.Text("expirationDate"), cancelled.Text("expirationDate"));
        Assert.Equal(["Purchase", "Cancellation"], cancelled.GetProperty("orderHistory").EnumerateArray().Select(entry => entry.Text("eventType")));
        Assert.Equal("AlreadyCancelled", again.Text("errorCode"));
        Assert.Contains("already cancelled", again.Text("reason"));
        Assert.Contains("Cancelled", patch.Text("reason"));
        Assert.Equal("SubscriptionNotActive", patch.Text("errorCode"));
        Assert.Equal("SubscriptionNotActive", assign.Text("errorCode"));
    }

    [Theory]
    [InlineData("Expired", HttpStatusCode.Conflict)]
    [InlineData("Disabled", HttpStatusCode.OK)]
    public async Task An_expired_subscription_cannot_be_cancelled_a_disabled_one_can(string status, HttpStatusCode expected)
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.ArrangeAsync(new { productId = "CFQ7TTC0LH2H", purchaser = shop.BuyerUpn, status, quantity = 2, purchaseDate = "2025-01-01T00:00:00Z", expirationDate = "2026-01-01T00:00:00Z" });

        await service.ExpectAsync(expected, HttpMethod.Post, $"{Purchases}/{purchase.Id()}/cancel", shop.Buyer);
    }

    [Fact]
    public async Task Assigning_a_licence_by_UPN_or_object_id_is_idempotent_and_unassigning_frees_it()
    {
        var shop = await Shop.OpenAsync(service);
        var colleague = await service.Admin.PostAsync($"_admin/tenants/{shop.Domain}/users", new { userPrincipalName = $"colleague@{shop.Domain}", displayName = "A Colleague" });
        var purchase = await shop.BuyAsync(quantity: 2);
        var path = $"{Purchases}/{purchase.Id()}";

        var first = await Assign(shop, purchase, $"colleague@{shop.Domain}");
        var again = await Assign(shop, purchase, colleague.Text("objectId"));
        await service.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{path}/assignedUsers/{Uri.EscapeDataString($"COLLEAGUE@{shop.Domain}")}", shop.Buyer);
        await service.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{path}/assignedUsers/{colleague.Text("objectId")}", shop.Admin);
        var after = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, shop.Buyer);

        Assert.Equal(1, first.GetProperty("assignedLicenses").GetInt32());
        var holder = Assert.Single(first.GetProperty("assignedUsers").EnumerateArray());
        Assert.Equal(colleague.Text("objectId"), holder.Text("objectId"));
        Assert.Equal("A Colleague", holder.Text("displayName"));
        Assert.Equal(1, again.GetProperty("assignedLicenses").GetInt32());
        Assert.Equal(0, after.GetProperty("assignedLicenses").GetInt32());
        Assert.Empty(after.GetProperty("assignedUsers").EnumerateArray());
    }

    [Fact]
    public async Task No_more_licences_than_the_quantity_are_assigned_409()
    {
        var shop = await Shop.OpenAsync(service);
        await shop.UserAsync("colleague");
        var purchase = await shop.BuyAsync(quantity: 1);
        await Assign(shop, purchase, shop.BuyerUpn);

        var full = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{Purchases}/{purchase.Id()}/assignedUsers", shop.Buyer, $$"""{"user":"colleague@{{shop.Domain}}"}""");

        Assert.Contains("All 1 licences are assigned", full.Text("reason"));
    }

    [Fact]
    public async Task Concurrent_assignments_never_exceed_the_quantity()
    {
        var shop = await Shop.OpenAsync(service);
        var names = Enumerable.Range(1, 10).Select(i => $"user{i}@{shop.Domain}").ToList();
        foreach (var name in names)
        {
            await service.Admin.PostAsync($"_admin/tenants/{shop.Domain}/users", new { userPrincipalName = name });
        }

        var purchase = await shop.BuyAsync(quantity: 3);

        var statuses = await Task.WhenAll(names.Select(async name =>
        {
            using var response = await service.SendAsync(HttpMethod.Post, $"{Purchases}/{purchase.Id()}/assignedUsers", shop.Buyer, $$"""{"user":"{{name}}"}""");
            return response.StatusCode;
        }));
        var after = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{purchase.Id()}", shop.Buyer);

        Assert.Equal(3, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(status => status == HttpStatusCode.Conflict));
        Assert.Equal(3, after.GetProperty("assignedLicenses").GetInt32());
    }

    [Fact]
    public async Task Licences_go_to_users_of_the_same_tenant_only_guests_included()
    {
        var shop = await Shop.OpenAsync(service);
        await shop.UserAsync("guest", isGuest: true);
        await shop.UserAsync("leaver");
        await service.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"_admin/tenants/{shop.Domain}/users/leaver@{shop.Domain}", null);
        var purchase = await shop.BuyAsync(quantity: 5);
        var path = $"{Purchases}/{purchase.Id()}/assignedUsers";

        var otherTenant = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, path, shop.Buyer, $$"""{"user":"{{DemoData.AliceUpn}}"}""");
        var unknown = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, path, shop.Buyer, $$"""{"user":"{{Guid.NewGuid()}}"}""");
        var deleted = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, path, shop.Buyer, $$"""{"user":"leaver@{{shop.Domain}}"}""");
        var guest = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, path, shop.Buyer, $$"""{"user":"guest@{{shop.Domain}}"}""");
        var notAUser = await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"{path}/{DemoData.AliceUpn}", shop.Admin);
        await service.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{path}/{DemoData.AliceUpn}", shop.Buyer);

        Assert.Contains("not a user of this tenant", otherTenant.Text("reason"));
        Assert.Contains("not a user of this tenant", unknown.Text("reason"));
        Assert.Contains("was deleted", deleted.Text("reason"));
        Assert.Equal(1, guest.GetProperty("assignedLicenses").GetInt32());
        Assert.Equal("UserNotFound", notAUser.Text("errorCode"));
    }

    [Fact]
    public async Task When_the_purchaser_is_deleted_their_purchase_stays_Active_and_admins_still_manage_it()
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.BuyAsync(quantity: 2);

        await service.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"_admin/tenants/{shop.Domain}/users/{shop.BuyerUpn}", null);
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?purchaser={shop.BuyerUpn}", shop.Admin);
        var cancelled = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Purchases}/{purchase.Id()}/cancel", shop.Admin);

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("Active", item.Text("status"));
        Assert.Equal(shop.BuyerUpn, item.Text("purchaserUpn"));
        Assert.Equal("Cancelled", cancelled.Text("status"));
    }

    [Fact]
    public async Task A_purchase_appears_in_the_buyers_me_list_and_the_admins_list()
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.BuyAsync();
        var trial = await shop.BuyAsync("CFQ7TTC0HD33", isTrial: true, paymentMethod: null);

        var mine = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1.0/me/selfServicePurchases", shop.Buyer);
        var all = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?type=Trial", shop.Admin);

        Assert.Equal([purchase.Id(), trial.Id()], mine.Ids());
        Assert.Equal([trial.Id()], all.Ids());
    }

    private Task<JsonElement> Assign(Shop shop, JsonElement purchase, string user) =>
        service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Purchases}/{purchase.Id()}/assignedUsers", shop.Buyer, $$"""{"user":"{{user}}"}""");
}
