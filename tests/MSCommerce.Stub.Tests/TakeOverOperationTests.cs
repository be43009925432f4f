using System.Net;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// POST /v1.0/selfServicePurchases/{id}/takeOver: a purchase's users move to a central subscription and
/// the purchase is cancelled in one transaction; users who left have their licence released, users who
/// already hold the central subscription only leave the purchase, and without room nothing changes.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class TakeOverOperationTests(ServiceFixture service)
{
    private const string Purchases = "v1.0/selfServicePurchases";
    private const string Subscriptions = "v1.0/organizationSubscriptions";
    private const string PowerBiPro = "CFQ7TTC0H9MP";

    [Fact]
    public async Task A_user_who_left_has_their_licence_released_while_the_others_move_and_the_purchase_is_cancelled()
    {
        var (shop, purchase, central) = await ArrangeAsync(purchaseUsers: ["u0", "u1"], centralLicences: 5);
        await shop.DeleteUserAsync("u0");

        var done = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", shop.Admin, "{}");

        Assert.Equal([$"u1@{shop.Domain}"], Upns(done, "movedUsers"));
        Assert.Equal([$"u0@{shop.Domain}"], Upns(done, "releasedUsers"));
        Assert.Equal("Deleted", done.GetProperty("releasedUsers")[0].Text("state"));
        Assert.Empty(Upns(done, "alreadyAssignedUsers"));
        Assert.Equal("Cancelled", done.GetProperty("purchase").Text("status"));
        Assert.Equal(0, done.GetProperty("purchase").GetProperty("assignedLicenses").GetInt32());
        Assert.Equal(central, done.GetProperty("destination").Id());
        Assert.Equal([$"u1@{shop.Domain}"], await HoldersAsync(shop, Subscriptions, central));
        Assert.Equal(
            [("UserMoved", $"u1@{shop.Domain} → Power BI Pro ({central})"), ("UserUnassigned", $"u0@{shop.Domain}, who left the organisation: licence released"), ("Cancelled", "Power BI Pro × 2, was Active")],
            await AuditAsync(shop));
    }

    [Fact]
    public async Task A_user_already_on_the_destination_leaves_the_purchase_and_holds_one_licence()
    {
        var (shop, purchase, central) = await ArrangeAsync(purchaseUsers: ["u0", "u1"], centralLicences: 3, centralUsers: ["u0"]);

        var done = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", shop.Admin, $$"""{"destination":"{{central}}"}""");

        Assert.Equal([$"u1@{shop.Domain}"], Upns(done, "movedUsers"));
        Assert.Equal([$"u0@{shop.Domain}"], Upns(done, "alreadyAssignedUsers"));
        Assert.Empty((await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{purchase}", shop.Admin)).GetProperty("assignedUsers").EnumerateArray());
        var destination = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Subscriptions}/{central}", shop.Admin);
        Assert.Equal([$"u0@{shop.Domain}", $"u1@{shop.Domain}"], Upns(destination, "assignedUsers"));
        Assert.Equal(1, destination.GetProperty("availableLicenses").GetInt32());
    }

    [Fact]
    public async Task Without_room_for_every_user_it_is_409_with_the_licences_missing_and_nothing_changes()
    {
        var (shop, purchase, central) = await ArrangeAsync(purchaseUsers: ["u0", "u1", "u2"], centralLicences: 2, centralUsers: ["other"]);
        var before = await TenantState.CaptureAsync(service, shop.Admin);

        var chosen = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", shop.Admin, "{}");
        var given = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", shop.Admin, $$"""{"destination":"{{central}}"}""");

        Assert.Equal(("NotEnoughLicences", 2), (chosen.Text("errorCode"), chosen.GetProperty("missingLicences").GetInt32()));
        Assert.Equal(("NotEnoughLicences", 2), (given.Text("errorCode"), given.GetProperty("missingLicences").GetInt32()));
        Assert.Contains("2 licence(s) missing", given.Text("reason"));
        Assert.Equal(before, await TenantState.CaptureAsync(service, shop.Admin));
        Assert.Empty(await AuditAsync(shop));
        var never = await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{Purchases}/{purchase}/takeOver", shop.Admin);
        Assert.Equal("NotTakenOver", never.Text("errorCode"));
    }

    [Fact]
    public async Task Taking_over_again_is_409_AlreadyTakenOver_changes_nothing_and_the_outcome_stays_readable()
    {
        var (shop, purchase, central) = await ArrangeAsync(purchaseUsers: ["u0", "u1"], centralLicences: 5);
        await shop.DeleteUserAsync("u1");
        using var first = await service.SendAsync(HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", shop.Admin, "{}");
        first.AssertStatus(HttpStatusCode.OK);
        var state = await TenantState.CaptureAsync(service, shop.Admin);

        var again = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", shop.Admin, "{}");
        var outcome = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{purchase}/takeOver", shop.Admin);

        Assert.Equal("AlreadyTakenOver", again.Text("errorCode"));
        Assert.Contains(central, again.Text("reason"));
        Assert.Equal(state, await TenantState.CaptureAsync(service, shop.Admin));
        Assert.Equal([$"u0@{shop.Domain}"], Upns(outcome, "movedUsers"));
        Assert.Equal([$"u1@{shop.Domain}"], Upns(outcome, "releasedUsers"));
        Assert.Equal("Cancelled", outcome.GetProperty("purchase").Text("status"));
        Assert.Equal(first.Headers.GetValues("x-ms-correlation-id").Single(), outcome.Text("correlationId"));
        Assert.Equal($"admin@{shop.Domain}", outcome.Text("takenOverBy"));
    }

    [Fact]
    public async Task A_purchase_whose_users_all_left_is_cancelled_with_their_licences_released_and_no_destination()
    {
        var (shop, purchase, _) = await ArrangeAsync(purchaseUsers: ["u0"], centralLicences: 1, centralUsers: ["other"]);
        await shop.DeleteUserAsync("u0");

        var done = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", shop.Admin, "{}");

        Assert.Equal(JsonValueKind.Null, done.GetProperty("destination").ValueKind);
        Assert.Equal([$"u0@{shop.Domain}"], Upns(done, "releasedUsers"));
        Assert.Equal("Cancelled", done.GetProperty("purchase").Text("status"));
    }

    [Fact]
    public async Task A_destination_of_another_product_an_unknown_one_and_an_expired_purchase_are_refused_with_their_codes()
    {
        var (shop, purchase, _) = await ArrangeAsync(purchaseUsers: ["u0"], centralLicences: 5);
        var f3 = (await shop.ArrangeAsync(new { productId = "CFQ7TTC0LH05", quantity = 5 })).Id();
        var expired = (await shop.ArrangeAsync(new { productId = PowerBiPro, purchaser = shop.BuyerUpn, status = "Expired", quantity = 1 })).Id();

        var product = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", shop.Admin, $$"""{"destination":"{{f3}}"}""");
        var unknown = await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", shop.Admin, $$"""{"destination":"{{Guid.NewGuid()}}"}""");
        var gone = await service.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{Purchases}/{expired}/takeOver", shop.Admin, "{}");
        var central = await service.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{Purchases}/{f3}/takeOver", shop.Admin, "{}");

        Assert.Equal("ProductMismatch", product.Text("errorCode"));
        Assert.Equal("DestinationNotFound", unknown.Text("errorCode"));
        Assert.Equal("SubscriptionExpired", gone.Text("errorCode"));
        Assert.Equal("NotFound", central.Text("errorCode"));
        Assert.Empty(await AuditAsync(shop));
    }

    public static TheoryData<string, bool> Callers() => new()
    {
        { "GlobalAdministrator", true },
        { "BillingAdministrator", true },
        { "GlobalReader", false },
        { "purchaser", false },
        { "user", false },
        { "app:Policy.ReadWrite.AllowSelfServicePurchase", true },
        { "app:Policy.Read.AllowSelfServicePurchase", false },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Who_may_take_over_is_who_may_move_a_user_with_moveFrom(string caller, bool allowed)
    {
        var (shop, purchase, central) = await ArrangeAsync(purchaseUsers: ["u0", "u1"], centralLicences: 5);
        var token = caller switch
        {
            "purchaser" => shop.Buyer,
            "user" => await shop.UserAsync("someone"),
            _ when caller.StartsWith("app:", StringComparison.Ordinal) => await shop.AppAsync(caller["app:".Length..]),
            _ => await shop.UserAsync("caller", [caller]),
        };

        using var move = await service.SendAsync(HttpMethod.Put, $"{Subscriptions}/{central}/assignedUsers/u0@{shop.Domain}", token, $$"""{"moveFrom":"{{purchase}}"}""");
        using var takeOver = await service.SendAsync(HttpMethod.Post, $"{Purchases}/{purchase}/takeOver", token, "{}");

        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, move.StatusCode);
        Assert.Equal(move.StatusCode, takeOver.StatusCode);
        if (!allowed)
        {
            Assert.Contains("Billing Administrator", (await ServiceFixture.JsonAsync(takeOver)).Text("reason"));
            Assert.Equal(2, (await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{purchase}", shop.Admin)).GetProperty("assignedLicenses").GetInt32());
        }
    }

    public static TheoryData<string> Spellings() => new() { "D", "UPPER", "B", "N" };

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task moveFrom_and_destination_take_a_subscription_id_in_every_spelling_the_URL_takes(string spelling)
    {
        var (shop, purchase, central) = await ArrangeAsync(purchaseUsers: ["u0", "u1"], centralLicences: 5);
        string Spelled(string id) => spelling == "UPPER" ? id.ToUpperInvariant() : Guid.Parse(id).ToString(spelling);

        var moved = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{Subscriptions}/{central}/assignedUsers/u0@{shop.Domain}", shop.Admin, $$"""{"moveFrom":"{{Spelled(purchase)}}"}""");
        var done = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Purchases}/{Spelled(purchase)}/takeOver", shop.Admin, $$"""{"destination":"{{Spelled(central)}}"}""");

        Assert.Equal([$"u0@{shop.Domain}"], Upns(moved, "assignedUsers"));
        Assert.Equal([$"u1@{shop.Domain}"], Upns(done, "movedUsers"));
        Assert.Equal(central, done.GetProperty("destination").Id());
    }

    /// <summary>A shop whose buyer holds a Power BI Pro purchase assigned to the named users, and a central Power BI Pro subscription.</summary>
    private async Task<(Shop Shop, string Purchase, string Central)> ArrangeAsync(string[] purchaseUsers, int centralLicences, string[]? centralUsers = null)
    {
        var shop = await Shop.OpenAsync(service);
        foreach (var name in purchaseUsers.Union(centralUsers ?? []))
        {
            await shop.UserAsync(name);
        }

        var purchase = await shop.ArrangeAsync(new { productId = PowerBiPro, purchaser = shop.BuyerUpn, quantity = Math.Max(1, purchaseUsers.Length), assignedUsers = purchaseUsers.Select(name => $"{name}@{shop.Domain}").ToArray() });
        var central = await shop.ArrangeAsync(new { productId = PowerBiPro, quantity = centralLicences, assignedUsers = (centralUsers ?? []).Select(name => $"{name}@{shop.Domain}").ToArray() });
        return (shop, purchase.Id(), central.Id());
    }

    private static List<string> Upns(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(user => user.Text("userPrincipalName")).ToList();

    private async Task<List<string>> HoldersAsync(Shop shop, string collection, string id) =>
        Upns(await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{collection}/{id}", shop.Admin), "assignedUsers");

    private async Task<List<(string Action, string Detail)>> AuditAsync(Shop shop) =>
        (await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1.0/auditLogs/purchaseChanges", shop.Admin))
            .GetProperty("items").EnumerateArray().Select(entry => (entry.Text("action"), entry.Text("detail"))).ToList();
}
