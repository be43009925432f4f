using System.Net;
using MSCommerce.Client.Purchases;
using MSCommerce.Stub;

namespace MSCommerce.Client.Tests;

/// <summary>The client's purchase changes and take-over over real HTTP, against a service of their own (they change the demo tenant).</summary>
public sealed class PurchaseChangeClientTests(ClientFixture fixture) : IClassFixture<ClientFixture>, IDisposable
{
    private readonly CommerceClient _client = fixture.NewClient();

    [Fact]
    public async Task The_purchaser_state_filter_runs_on_the_service_and_each_purchase_carries_it()
    {
        var left = await ToListAsync(_client.GetSelfServicePurchasesAsync(new PurchaseQuery { PurchaserState = "Deleted" }, null, CancellationToken.None));

        Assert.Equal([DemoData.DanaPowerAutomateId, DemoData.DanaPlannerTrialId], left.Select(purchase => purchase.SubscriptionId));
        Assert.All(left, purchase => Assert.Equal("Deleted", purchase.PurchaserState));
    }

    [Fact]
    public async Task Taking_over_Danas_purchase_plans_the_organisations_Power_Automate_subscription_then_moves_bob_and_cancels()
    {
        var plan = await _client.PlanTakeOverAsync(DemoData.DanaPowerAutomateId, null, null, CancellationToken.None);

        Assert.Equal(DemoData.ContosoPowerAutomateId, plan.Destination!.SubscriptionId);
        Assert.Equal([DemoData.BobUpn], plan.UsersToMove.Select(user => user.UserPrincipalName));

        var result = await _client.CompleteTakeOverAsync(plan, null, CancellationToken.None);

        Assert.Equal("Cancelled", result.Purchase.Status);
        Assert.Equal(0, result.Purchase.AssignedLicenses);
        Assert.Equal([DemoData.BobUpn], result.Destination!.AssignedUsers.Select(user => user.UserPrincipalName));
        Assert.Equal(9, result.Destination.AvailableLicenses);
    }

    [Fact]
    public async Task A_take_over_whose_purchase_was_cancelled_after_the_plan_still_completes_with_the_cancelled_purchase()
    {
        var plan = await _client.PlanTakeOverAsync(DemoData.AlicePowerBiProId, DemoData.ContosoPowerBiProId, null, CancellationToken.None);
        await _client.CancelSelfServicePurchaseAsync(DemoData.AlicePowerBiProId, null, CancellationToken.None);

        var result = await _client.CompleteTakeOverAsync(plan, null, CancellationToken.None);

        Assert.Equal("Cancelled", result.Purchase.Status);
        Assert.Equal(2, result.MovedUsers.Count);
        Assert.Equal(0, result.Purchase.AssignedLicenses);
    }

    [Fact]
    public async Task Without_an_organisation_subscription_of_the_product_the_plan_says_how_many_licences_are_missing()
    {
        var error = await Assert.ThrowsAsync<TakeOverException>(() => _client.PlanTakeOverAsync(DemoData.AlicePowerBiPremiumId, null, null, CancellationToken.None));

        Assert.Equal(TakeOverErrors.NotEnoughLicences, error.ErrorCode);
        Assert.Equal(1, error.MissingLicences);
        Assert.Contains("no active subscription of Power BI Premium", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_destination_of_another_product_is_refused_before_any_change()
    {
        var error = await Assert.ThrowsAsync<TakeOverException>(() => _client.PlanTakeOverAsync(DemoData.AlicePowerBiPremiumId, DemoData.ContosoF3Id, null, CancellationToken.None));

        Assert.Equal(TakeOverErrors.DestinationNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task Quantity_assignment_and_unassignment_round_trip_and_a_second_cancel_is_a_conflict_with_its_code()
    {
        var purchase = DemoData.AliceVisioTrialId;

        var quantity = await Assert.ThrowsAsync<CommerceServiceException>(() => _client.SetSelfServicePurchaseQuantityAsync(purchase, 5, null, CancellationToken.None));
        var assigned = await _client.AssignSelfServicePurchaseUserAsync(purchase, DemoData.BobUpn, null, CancellationToken.None);
        await _client.UnassignSelfServicePurchaseUserAsync(purchase, DemoData.BobObjectId, null, CancellationToken.None);
        var after = await _client.GetSelfServicePurchaseAsync(purchase, null, CancellationToken.None);
        await _client.CancelSelfServicePurchaseAsync(purchase, null, CancellationToken.None);
        var again = await Assert.ThrowsAsync<CommerceServiceException>(() => _client.CancelSelfServicePurchaseAsync(purchase, null, CancellationToken.None));

        Assert.Equal(("TrialQuantityFixed", CommerceErrorKind.InvalidRequest), (quantity.ErrorCode, quantity.Kind));
        Assert.Equal(2, assigned.AssignedLicenses);
        Assert.Equal([DemoData.AliceUpn], after.AssignedUsers!.Select(user => user.UserPrincipalName));
        Assert.Equal(("AlreadyCancelled", CommerceErrorKind.Conflict, HttpStatusCode.Conflict), (again.ErrorCode, again.Kind, again.StatusCode));
    }

    [Fact]
    public async Task Taking_a_licence_back_from_a_name_that_is_no_user_is_the_UserNotFound_code()
    {
        var error = await Assert.ThrowsAsync<CommerceServiceException>(() =>
            _client.UnassignSelfServicePurchaseUserAsync(DemoData.AlicePowerBiProId, $"nobody@{DemoData.ContosoDomain}", null, CancellationToken.None));

        Assert.Equal((CommerceErrorCodes.UserNotFound, CommerceErrorKind.NotFound), (error.ErrorCode, error.Kind));
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_call_before_it_changes_anything()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.CancelSelfServicePurchaseAsync(DemoData.DanaPlannerTrialId, null, cancel.Token));

        Assert.Equal("Disabled", (await _client.GetSelfServicePurchaseAsync(DemoData.DanaPlannerTrialId, null, CancellationToken.None)).Status);
    }

    public void Dispose() => _client.Dispose();

    private static async Task<List<SelfServicePurchase>> ToListAsync(IAsyncEnumerable<SelfServicePurchase> purchases)
    {
        var list = new List<SelfServicePurchase>();
        await foreach (var purchase in purchases)
        {
            list.Add(purchase);
        }

        return list;
    }
}
