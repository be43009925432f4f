using MSCommerce.Stub.Data;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Stub.Api;

/// <summary>A take-over as the service answers it: the purchase and the destination as they now are, and what became of each user.</summary>
public sealed record TakeOverItem(
    PurchaseItem Purchase, OrganizationSubscriptionItem? Destination,
    IReadOnlyList<AssignedUserItem> MovedUsers, IReadOnlyList<AssignedUserItem> ReleasedUsers, IReadOnlyList<AssignedUserItem> AlreadyAssignedUsers,
    DateTime TakenOverAt, string TakenOverBy, string CorrelationId);

/// <summary>
/// /v1.0/selfServicePurchases/{id}/takeOver: the admin center's "take over" in one transaction (see
/// <see cref="PurchaseTakeOver"/>), so that it cannot stop half-way and two at once cannot both count the
/// same free licences. POST takes it over; GET answers what a take-over did, which is how a client whose
/// answer was lost (its retry refused as AlreadyTakenOver) learns the outcome. Callers as for moving a
/// user with moveFrom: Global or Billing Administrators and apps with Policy.ReadWrite, not the purchaser.
/// </summary>
public static class TakeOverEndpoints
{
    public static void MapTakeOvers(this IEndpointRouteBuilder routes)
    {
        foreach (var version in new[] { "v1.0", "v1" })
        {
            routes.MapPost($"/{version}/selfServicePurchases/{{subscriptionId}}/takeOver", TakeOver);
            routes.MapGet($"/{version}/selfServicePurchases/{{subscriptionId}}/takeOver", Get);
        }
    }

    private static async Task<IResult> TakeOver(HttpContext context, string subscriptionId, PurchaseStore store, TakeOverRecords records, TimeProvider clock)
    {
        var caller = context.Caller();
        if (!PurchaseAccess.CanManageAll(caller))
        {
            return ServiceErrors.Forbidden($"Taking over a self-service purchase assigns the organisation's licences, which requires one of: {PurchaseAccess.ManageAllRolesText}.");
        }

        var purchase = Find(store, caller.TenantId, subscriptionId);
        if (purchase is null)
        {
            return PurchaseEndpoints.NotFound(subscriptionId);
        }

        var (destinationId, error) = await SubscriptionBodies.ReadTakeOverAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        var actor = PurchaseEndpoints.Actor(context, clock);
        ChangeRefusal? refusal = null;
        IResult? missing = null;
        store.TryChange(purchase.TenantId, purchase.SubscriptionId, (current, writer) =>
        {
            refusal = PurchaseTakeOver.Source(current, writer.TakeOver());
            if (refusal is not null)
            {
                return;
            }

            var candidates = writer.OrganizationSubscriptions()
                .Select(subscription => new TakeOverCandidate(subscription, writer.AssigneesOf(subscription.SubscriptionId).Select(user => user.ObjectId).ToList()))
                .ToList();
            TakeOverCandidate? requested = null;
            if (destinationId is not null)
            {
                requested = candidates.FirstOrDefault(candidate => candidate.Subscription.SubscriptionId == destinationId) ?? Central(writer, destinationId);
                if (requested is null)
                {
                    missing = ServiceErrors.NotFound($"'{destinationId}' is not an organisation subscription of this tenant.", "DestinationNotFound");
                    return;
                }
            }

            (var decision, refusal) = PurchaseTakeOver.Decide(current, writer.Assignees(), candidates, requested);
            if (decision is not null)
            {
                Apply(current, writer, decision, actor);
            }
        });

        if (missing is not null)
        {
            return missing;
        }

        return refusal is null
            ? Results.Ok(Item(store, purchase.TenantId, records.Find(purchase.TenantId, purchase.SubscriptionId)!))
            : Refused(refusal);
    }

    private static IResult Get(HttpContext context, string subscriptionId, PurchaseStore store, TakeOverRecords records)
    {
        var caller = context.Caller();
        if (!PurchaseAccess.CanReadAll(caller))
        {
            return ServiceErrors.Forbidden(PurchaseAccess.ListRefusal("the take-overs of purchases"));
        }

        var purchase = Find(store, caller.TenantId, subscriptionId);
        var record = purchase is null ? null : records.Find(purchase.TenantId, purchase.SubscriptionId);
        return purchase is null ? PurchaseEndpoints.NotFound(subscriptionId)
            : record is null ? ServiceErrors.NotFound($"The purchase {purchase.SubscriptionId} has not been taken over.", "NotTakenOver")
            : Results.Ok(Item(store, purchase.TenantId, record));
    }

    private static void Apply(Purchase source, PurchaseWriter writer, TakeOverDecision decision, ChangeActor actor)
    {
        var destination = decision.Destination;
        foreach (var user in decision.Move)
        {
            writer.AssignTo(destination!.SubscriptionId, user.ObjectId, actor.At);
            writer.Unassign(user.ObjectId);
            writer.Audit(actor, source.SubscriptionId, PurchaseAuditActions.UserMoved, $"{user.UserPrincipalName} → {destination.ProductName} ({destination.SubscriptionId})");
        }

        foreach (var user in decision.AlreadyAssigned)
        {
            writer.Unassign(user.ObjectId);
            writer.Audit(actor, source.SubscriptionId, PurchaseAuditActions.UserUnassigned, $"{user.UserPrincipalName}, who already holds {destination!.ProductName} ({destination.SubscriptionId})");
        }

        foreach (var user in decision.Release)
        {
            writer.Unassign(user.ObjectId);
            writer.Audit(actor, source.SubscriptionId, PurchaseAuditActions.UserUnassigned, $"{user.UserPrincipalName}, who left the organisation: licence released");
        }

        if (PurchaseChanges.Cancel(source) is null)
        {
            writer.Cancel(new OrderEvent(OrderEventTypes.Cancellation, actor.At, source.Quantity, 0, source.Currency));
            writer.Audit(actor, source.SubscriptionId, PurchaseAuditActions.Cancelled, $"{source.ProductName} × {source.Quantity}, was {source.Status}");
        }

        writer.RecordTakeOver(actor, destination?.SubscriptionId,
            decision.Move.Select(user => (user.ObjectId, TakeOverOutcomes.Moved))
                .Concat(decision.AlreadyAssigned.Select(user => (user.ObjectId, TakeOverOutcomes.AlreadyAssigned)))
                .Concat(decision.Release.Select(user => (user.ObjectId, TakeOverOutcomes.Released))));
    }

    /// <summary>A central subscription of the tenant of another product: the rules refuse it with ProductMismatch.</summary>
    private static TakeOverCandidate? Central(PurchaseWriter writer, string subscriptionId) =>
        writer.Subscription(subscriptionId) is { OwnerType: OwnerTypes.Organization } other
            ? new TakeOverCandidate(other, writer.AssigneesOf(other.SubscriptionId).Select(user => user.ObjectId).ToList())
            : null;

    private static Purchase? Find(PurchaseStore store, string tenantId, string subscriptionId) =>
        Guid.TryParse(subscriptionId, out var id) ? store.Find(tenantId, id.ToString()) : null;

    private static TakeOverItem Item(PurchaseStore store, string tenantId, TakeOverRecord record)
    {
        var purchase = store.Find(tenantId, record.SubscriptionId)!;
        var destination = record.DestinationId is null ? null : store.Find(purchase.TenantId, record.DestinationId, includeOrganization: true);
        return new TakeOverItem(
            PurchaseEndpoints.Full(store, purchase), destination is null ? null : OrganizationSubscriptionEndpoints.Full(store, destination),
            record.Moved.Select(PurchaseJson.User).ToList(), record.Released.Select(PurchaseJson.User).ToList(), record.AlreadyAssigned.Select(PurchaseJson.User).ToList(),
            record.At, record.By, record.CorrelationId);
    }

    private static IResult Refused(ChangeRefusal refusal) => refusal switch
    {
        { MissingLicences: { } missingLicences } => Results.Json(new { errorCode = refusal.ErrorCode, reason = refusal.Reason, missingLicences }, statusCode: StatusCodes.Status409Conflict),
        { IsConflict: true } => ServiceErrors.Error(StatusCodes.Status409Conflict, refusal.ErrorCode, refusal.Reason),
        _ => ServiceErrors.BadRequest(refusal.Reason, refusal.ErrorCode),
    };
}
