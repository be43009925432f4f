using System.Net;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// What an admin needs to clean up after people who left: whether a purchaser still exists, the
/// organisation's subscriptions with free licences, moving a purchase's users onto one, and the
/// purchase audit that records each step.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class PurchaseTakeOverTests(ServiceFixture service)
{
    private const string Purchases = "v1.0/selfServicePurchases";
    private const string Subscriptions = "v1.0/organizationSubscriptions";
    private const string PowerBiPro = "CFQ7TTC0H9MP";

    [Fact]
    public async Task A_purchase_says_whether_its_purchaser_is_Active_Disabled_or_Deleted_and_the_list_filters_on_it()
    {
        var token = await service.Admin.TokenAsync(DemoData.GlobalReaderUpn);

        var all = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Purchases, token);
        var deleted = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?purchaserState=deleted&status=Active", token);

        var states = all.GetProperty("items").EnumerateArray().ToDictionary(item => item.Id(), item => item.Text("purchaserState"));
        Assert.Equal("Deleted", states[DemoData.DanaPowerAutomateId]);
        Assert.Equal("Deleted", states[DemoData.DanaPlannerTrialId]);
        Assert.Equal("Active", states[DemoData.AlicePowerBiProId]);
        Assert.Equal([DemoData.DanaPowerAutomateId], deleted.Ids());
    }

    [Fact]
    public async Task A_disabled_purchaser_is_Disabled_and_an_unknown_state_is_400_naming_the_values()
    {
        var shop = await Shop.OpenAsync(service);
        await shop.UserAsync("blocked", accountEnabled: false);
        await shop.ArrangeAsync(new { productId = PowerBiPro, purchaser = $"blocked@{shop.Domain}", quantity = 1 });

        var disabled = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?purchaserState=Disabled", shop.Admin);
        var wrong = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"{Purchases}?purchaserState=Gone", shop.Admin);

        Assert.Equal("Disabled", Assert.Single(disabled.GetProperty("items").EnumerateArray()).Text("purchaserState"));
        Assert.Contains("purchaserState", wrong.Text("reason"));
        Assert.Contains("Deleted", wrong.Text("reason"));
    }

    [Fact]
    public async Task Organisation_subscriptions_list_their_licence_counts_for_readers_and_not_self_service_purchases()
    {
        var token = await service.Admin.TokenAsync(DemoData.GlobalReaderUpn);

        var all = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Subscriptions, token);
        var automate = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Subscriptions}?productId=CFQ7TTC0LH3L", token);
        var refused = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, Subscriptions, await service.Admin.TokenAsync(DemoData.AliceUpn));

        Assert.Equal(DemoData.ContosoOrganizationSubscriptions, all.Ids().Count);
        Assert.DoesNotContain(DemoData.AlicePowerBiProId, all.Ids());
        var item = Assert.Single(automate.GetProperty("items").EnumerateArray());
        Assert.Equal(DemoData.ContosoPowerAutomateId, item.Id());
        Assert.Equal(10, item.GetProperty("quantity").GetInt32());
        Assert.Equal(10 - item.GetProperty("assignedLicenses").GetInt32(), item.GetProperty("availableLicenses").GetInt32());
        Assert.Contains("Global Reader", refused.Text("reason"));
    }

    [Fact]
    public async Task Moving_a_user_takes_their_licence_off_the_purchase_onto_the_subscription_in_one_step_and_audits_it()
    {
        var (shop, purchase, central) = await TakeOverAsync(purchaseUsers: ["ann", "ben"], centralLicences: 5);
        var ann = $"ann@{shop.Domain}";

        var moved = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{Subscriptions}/{central}/assignedUsers/{ann}", shop.Admin, $$"""{"moveFrom":"{{purchase}}"}""");
        var again = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{Subscriptions}/{central}/assignedUsers/{ann}", shop.Admin, $$"""{"moveFrom":"{{purchase}}"}""");
        var left = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{purchase}", shop.Admin);
        var audit = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1.0/auditLogs/purchaseChanges", shop.Admin);

        Assert.Equal([ann], moved.GetProperty("assignedUsers").EnumerateArray().Select(user => user.Text("userPrincipalName")));
        Assert.Equal(4, moved.GetProperty("availableLicenses").GetInt32());
        Assert.Equal(4, again.GetProperty("availableLicenses").GetInt32());
        Assert.Equal([$"ben@{shop.Domain}"], left.GetProperty("assignedUsers").EnumerateArray().Select(user => user.Text("userPrincipalName")));
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("UserMoved", entry.Text("action"));
        Assert.Equal(purchase, entry.Text("subscriptionId"));
        Assert.Contains(ann, entry.Text("detail"));
        Assert.Equal("admin@" + shop.Domain, entry.Text("changedBy"));
    }

    [Fact]
    public async Task A_full_subscription_another_product_or_a_user_the_purchase_does_not_hold_is_refused_with_its_code()
    {
        var (shop, purchase, central) = await TakeOverAsync(purchaseUsers: ["ann", "ben"], centralLicences: 1, centralUsers: ["cat"]);
        var other = (await shop.ArrangeAsync(new { productId = "CFQ7TTC0LH05", quantity = 10 })).Id();
        var body = $$"""{"moveFrom":"{{purchase}}"}""";

        var full = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"{Subscriptions}/{central}/assignedUsers/ann@{shop.Domain}", shop.Admin, body);
        var product = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"{Subscriptions}/{other}/assignedUsers/ann@{shop.Domain}", shop.Admin, body);
        var notHeld = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"{Subscriptions}/{other}/assignedUsers/{shop.BuyerUpn}", shop.Admin,
            $$"""{"moveFrom":"{{(await shop.ArrangeAsync(new { productId = "CFQ7TTC0LH05", purchaser = shop.BuyerUpn, quantity = 1 })).Id()}}"}""");
        var selfService = await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"{Subscriptions}/{purchase}/assignedUsers/ann@{shop.Domain}", shop.Admin, "{}");

        Assert.Equal("NoFreeLicences", full.Text("errorCode"));
        Assert.Equal("ProductMismatch", product.Text("errorCode"));
        Assert.Equal("UserNotAssigned", notHeld.Text("errorCode"));
        Assert.Equal("NotFound", selfService.Text("errorCode"));
        var left = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{purchase}", shop.Admin);
        Assert.Equal(2, left.GetProperty("assignedLicenses").GetInt32());
    }

    [Fact]
    public async Task A_Global_Reader_may_list_but_not_assign_and_is_told_the_roles_that_may()
    {
        var (shop, purchase, central) = await TakeOverAsync(purchaseUsers: ["ann"], centralLicences: 2);
        var reader = await shop.UserAsync("reader", ["GlobalReader"]);

        var refused = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, $"{Subscriptions}/{central}/assignedUsers/ann@{shop.Domain}", reader, $$"""{"moveFrom":"{{purchase}}"}""");

        Assert.Contains("Billing Administrator", refused.Text("reason"));
        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Subscriptions, reader);
    }

    [Fact]
    public async Task Assigning_on_a_subscription_checks_its_licence_count_and_unassigning_frees_one()
    {
        var (shop, _, central) = await TakeOverAsync(purchaseUsers: [], centralLicences: 1);
        await shop.UserAsync("ann");
        await shop.UserAsync("ben");

        var first = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{Subscriptions}/{central}/assignedUsers/ann@{shop.Domain}", shop.Admin, "{}");
        var second = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"{Subscriptions}/{central}/assignedUsers/ben@{shop.Domain}", shop.Admin, "{}");
        await service.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Subscriptions}/{central}/assignedUsers/ann@{shop.Domain}", shop.Admin);
        var third = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{Subscriptions}/{central}/assignedUsers/ben@{shop.Domain}", shop.Admin, "{}");

        Assert.Equal(0, first.GetProperty("availableLicenses").GetInt32());
        Assert.Equal("NoFreeLicences", second.Text("errorCode"));
        Assert.Equal(0, third.GetProperty("availableLicenses").GetInt32());
        var audit = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1.0/auditLogs/purchaseChanges", shop.Admin);
        Assert.Equal(["UserAssigned", "UserUnassigned", "UserAssigned"], audit.GetProperty("items").EnumerateArray().Select(entry => entry.Text("action")));
    }

    [Fact]
    public async Task Cancel_quantity_assign_and_unassign_on_a_purchase_are_each_one_audit_entry_with_the_calls_correlation_id()
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = (await shop.BuyAsync(quantity: 2)).Id();
        var path = $"{Purchases}/{purchase}";

        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, shop.Admin, """{"quantity":3}""");
        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{path}/assignedUsers", shop.Admin, $$"""{"user":"{{shop.BuyerUpn}}"}""");
        await service.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{path}/assignedUsers/{shop.BuyerUpn}", shop.Admin);
        using var cancel = await service.SendAsync(HttpMethod.Post, $"{path}/cancel", shop.Admin);
        var audit = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"_admin/tenants/{shop.Domain}/purchaseAudit", null);

        cancel.AssertStatus(HttpStatusCode.OK);
        var entries = audit.EnumerateArray().ToList();
        Assert.Equal(["QuantityChanged", "UserAssigned", "UserUnassigned", "Cancelled"], entries.Select(entry => entry.Text("action")));
        Assert.Equal("2 → 3", entries[0].Text("detail"));
        Assert.Equal(cancel.Headers.GetValues("x-ms-correlation-id").Single(), entries[3].Text("correlationId"));
    }

    /// <summary>A shop whose buyer holds a Power BI Pro purchase assigned to the named users, and a central Power BI Pro subscription.</summary>
    private async Task<(Shop Shop, string Purchase, string Central)> TakeOverAsync(string[] purchaseUsers, int centralLicences, string[]? centralUsers = null)
    {
        var shop = await Shop.OpenAsync(service);
        foreach (var name in purchaseUsers.Concat(centralUsers ?? []))
        {
            await shop.UserAsync(name);
        }

        var purchase = await shop.ArrangeAsync(new { productId = PowerBiPro, purchaser = shop.BuyerUpn, quantity = Math.Max(1, purchaseUsers.Length), assignedUsers = purchaseUsers.Select(name => $"{name}@{shop.Domain}").ToArray() });
        var central = await shop.ArrangeAsync(new { productId = PowerBiPro, quantity = centralLicences, assignedUsers = (centralUsers ?? []).Select(name => $"{name}@{shop.Domain}").ToArray() });
        return (shop, purchase.Id(), central.Id());
    }
}
