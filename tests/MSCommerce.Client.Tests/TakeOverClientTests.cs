using MSCommerce.Client.Purchases;
using MSCommerce.Stub;

namespace MSCommerce.Client.Tests;

/// <summary>
/// The client's take-over over real HTTP: the plan and the result name the users who move, those who
/// left (their licence released) and those who already hold the destination; the take-over is one call,
/// safe to retry, and two at once never move part of a purchase. Each test has a product of its own in
/// the demo tenant, so the demo's organisation subscriptions stay out of its way.
/// </summary>
public sealed class TakeOverClientTests(ClientFixture fixture) : IClassFixture<ClientFixture>, IDisposable
{
    private readonly CommerceClient _client = fixture.NewClient();

    [Fact]
    public async Task A_user_who_left_is_planned_and_reported_as_released_while_the_others_move_and_the_purchase_is_cancelled()
    {
        var shop = Arranged();
        var (u0, u1) = (shop.User("u0"), shop.User("u1"));
        var purchase = shop.Purchase(u0, u1);
        var central = shop.Central(licences: 1);
        fixture.DeleteUser(u0);

        var plan = await _client.PlanTakeOverAsync(purchase, null, null, CancellationToken.None);
        var result = await _client.CompleteTakeOverAsync(plan, null, CancellationToken.None);

        Assert.Equal(central, plan.Destination!.SubscriptionId);
        Assert.Equal([u1], plan.UsersToMove.Select(user => user.UserPrincipalName));
        Assert.Equal([u0], plan.DepartedUsers.Select(user => user.UserPrincipalName));
        Assert.Equal([u1], result.MovedUsers.Select(user => user.UserPrincipalName));
        Assert.Equal([u0], result.ReleasedUsers.Select(user => user.UserPrincipalName));
        Assert.Equal("Deleted", result.ReleasedUsers[0].State);
        Assert.Equal(("Cancelled", 0), (result.Purchase.Status, result.Purchase.AssignedLicenses));
        Assert.Equal([u1], result.Destination!.AssignedUsers.Select(user => user.UserPrincipalName));
    }

    [Fact]
    public async Task A_user_already_on_the_destination_needs_no_free_licence_and_leaves_the_purchase()
    {
        var shop = Arranged();
        var (u0, u1) = (shop.User("u0"), shop.User("u1"));
        var purchase = shop.Purchase(u0, u1);
        var central = shop.Central(licences: 2, u0);

        var plan = await _client.PlanTakeOverAsync(purchase, central, null, CancellationToken.None);
        var result = await _client.CompleteTakeOverAsync(plan, null, CancellationToken.None);

        Assert.Equal([u1], plan.UsersToMove.Select(user => user.UserPrincipalName));
        Assert.Equal([u0], plan.AlreadyAssignedUsers.Select(user => user.UserPrincipalName));
        Assert.Equal([u0], result.AlreadyAssignedUsers.Select(user => user.UserPrincipalName));
        Assert.Empty((await _client.GetSelfServicePurchaseAsync(purchase, null, CancellationToken.None)).AssignedUsers!);
        Assert.Equal([u0, u1], result.Destination!.AssignedUsers.Select(user => user.UserPrincipalName));
    }

    [Fact]
    public async Task A_take_over_whose_answer_was_lost_succeeds_on_its_retry_with_what_the_first_attempt_did()
    {
        var shop = Arranged();
        var (u0, u1) = (shop.User("u0"), shop.User("u1"));
        var purchase = shop.Purchase(u0, u1);
        shop.Central(licences: 2);
        fixture.DeleteUser(u1);
        var plan = await _client.PlanTakeOverAsync(purchase, null, null, CancellationToken.None);
        fixture.Fault(new { method = "POST", path = $"/v1.0/selfServicePurchases/{purchase}/takeOver", status = 503, count = 1, afterProcessing = true });

        var result = await _client.CompleteTakeOverAsync(plan, null, CancellationToken.None);

        Assert.Equal([u0], result.MovedUsers.Select(user => user.UserPrincipalName));
        Assert.Equal([u1], result.ReleasedUsers.Select(user => user.UserPrincipalName));
        Assert.Equal("Cancelled", result.Purchase.Status);
        var again = await Assert.ThrowsAsync<TakeOverException>(() => _client.CompleteTakeOverAsync(plan, null, CancellationToken.None));
        Assert.Equal((TakeOverErrors.PurchaseNotActive, "AlreadyTakenOver"), (again.ErrorCode, again.Cause!.ErrorCode));
    }

    [Fact]
    public async Task Two_take_overs_planned_on_the_same_free_licences_one_completes_and_the_other_moves_nobody()
    {
        for (var round = 0; round < 20; round++)
        {
            var shop = Arranged();
            var first = Enumerable.Range(0, 3).Select(i => shop.User($"a{i}")).ToArray();
            var second = Enumerable.Range(0, 3).Select(i => shop.User($"b{i}")).ToArray();
            var purchases = new[] { shop.Purchase(first), shop.Purchase(second) };
            var central = shop.Central(licences: 4);
            using var other = fixture.NewClient();
            var plans = new[]
            {
                await _client.PlanTakeOverAsync(purchases[0], null, null, CancellationToken.None),
                await other.PlanTakeOverAsync(purchases[1], null, null, CancellationToken.None),
            };

            var outcomes = await Task.WhenAll(
                Outcome(_client.CompleteTakeOverAsync(plans[0], null, CancellationToken.None)),
                Outcome(other.CompleteTakeOverAsync(plans[1], null, CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Single(outcomes, outcome => outcome.Result != null);
            var refused = Assert.Single(outcomes, outcome => outcome.Error != null).Error!;
            Assert.Equal((TakeOverErrors.NotEnoughLicences, 2), (refused.ErrorCode, refused.MissingLicences));
            var loser = outcomes[0].Error != null ? 0 : 1;
            var left = await _client.GetSelfServicePurchaseAsync(purchases[loser], null, CancellationToken.None);
            Assert.Equal(("Active", 3), (left.Status, left.AssignedLicenses));
            var destination = (await _client.GetOrganizationSubscriptionsAsync(shop.ProductId, null, CancellationToken.None)).Single(subscription => subscription.SubscriptionId == central);
            Assert.Equal((loser == 0 ? second : first).Order(), destination.AssignedUsers.Select(user => user.UserPrincipalName).Order());
        }
    }

    public void Dispose() => _client.Dispose();

    private static async Task<(TakeOverResult? Result, TakeOverException? Error)> Outcome(Task<TakeOverResult> takeOver)
    {
        try
        {
            return (await takeOver, null);
        }
        catch (TakeOverException error)
        {
            return (null, error);
        }
    }

    private ArrangedProduct Arranged()
    {
        var productId = "TKO" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        fixture.Admin.Post("_admin/products", new[] { new { productId, productName = "Take-over " + productId, offersTrialWithoutPaymentMethod = false } });
        return new ArrangedProduct(fixture, productId);
    }

    /// <summary>A product of the demo tenant of its own, with users, a purchase and central subscriptions of it.</summary>
    private sealed class ArrangedProduct(ClientFixture fixture, string productId)
    {
        private const string Tenant = $"_admin/tenants/{DemoData.ContosoDomain}";

        public string ProductId => productId;

        public string User(string name)
        {
            var upn = $"{name}.{productId.ToLowerInvariant()}@{DemoData.ContosoDomain}";
            fixture.Admin.Post($"{Tenant}/users", new { userPrincipalName = upn });
            return upn;
        }

        public string Purchase(params string[] users) =>
            fixture.Admin.Post($"{Tenant}/purchases", new { productId, purchaser = DemoData.AliceUpn, quantity = users.Length, assignedUsers = users }).GetProperty("subscriptionId").GetString()!;

        public string Central(int licences, params string[] users) =>
            fixture.Admin.Post($"{Tenant}/purchases", new { productId, quantity = licences, assignedUsers = users }).GetProperty("subscriptionId").GetString()!;
    }
}
