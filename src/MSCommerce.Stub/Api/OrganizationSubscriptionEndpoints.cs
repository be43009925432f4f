using System.Text.Json.Serialization;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Stub.Api;

/// <summary>A central subscription, which the organisation pays for, with its licence counts.</summary>
public sealed record OrganizationSubscriptionItem(
    string SubscriptionId, string ProductId, string ProductName, int Quantity, int AssignedLicenses, int AvailableLicenses,
    string Status, DateTime ExpirationDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AssignedUserItem>? AssignedUsers);

/// <summary>
/// /v1.0/organizationSubscriptions: the tenant's central subscriptions and their licence assignments, as
/// the admin center's "take over" needs them: a self-service purchase's users move to one of these
/// (PUT .../assignedUsers/{user} with moveFrom: the licence leaves the purchase in the same transaction),
/// then the purchase is cancelled. Every change is written to the purchase audit
/// (/v1.0/auditLogs/purchaseChanges).
/// </summary>
public static class OrganizationSubscriptionEndpoints
{
    public static void MapOrganizationSubscriptions(this IEndpointRouteBuilder routes)
    {
        foreach (var version in new[] { "v1.0", "v1" })
        {
            var subscriptions = routes.MapGroup($"/{version}/organizationSubscriptions");
            subscriptions.MapGet("", List);
            subscriptions.MapGet("/{subscriptionId}", Get);
            subscriptions.MapPut("/{subscriptionId}/assignedUsers/{user}", Assign);
            subscriptions.MapDelete("/{subscriptionId}/assignedUsers/{user}", Unassign);
            routes.MapGet($"/{version}/auditLogs/purchaseChanges", ListAudit);
        }
    }

    private static IResult List(HttpContext context, PurchaseStore store)
    {
        var caller = context.Caller();
        if (!PurchaseAccess.CanReadAll(caller))
        {
            return ServiceErrors.Forbidden(PurchaseAccess.ListRefusal("the tenant's subscriptions"));
        }

        var reader = new QueryReader(context.Request.Query, ["productId"]);
        var productId = reader.ProductId("productId");
        if (reader.Error is { } error)
        {
            return error;
        }

        var rows = store.List(new PurchaseFilter(caller.TenantId, PurchaseListQuery.MaxTop) { OwnerType = OwnerTypes.Organization, ProductId = productId });
        var assignees = store.Assignees(rows.Select(row => row.SubscriptionId).ToList());
        return Results.Ok(new { items = rows.Select(row => Item(row, assignees[row.SubscriptionId])) });
    }

    private static IResult Get(HttpContext context, string subscriptionId, PurchaseStore store)
    {
        var caller = context.Caller();
        if (!PurchaseAccess.CanReadAll(caller))
        {
            return ServiceErrors.Forbidden(PurchaseAccess.ListRefusal("the tenant's subscriptions"));
        }

        var subscription = Find(store, caller.TenantId, subscriptionId);
        return subscription is null ? PurchaseEndpoints.NotFound(subscriptionId) : Results.Ok(Full(store, subscription));
    }

    private static async Task<IResult> Assign(HttpContext context, string subscriptionId, string user, PurchaseStore store, DirectoryStore directory, TimeProvider clock)
    {
        var (subscription, refused) = Manageable(context, subscriptionId, store);
        if (refused is not null)
        {
            return refused;
        }

        var (moveFrom, error) = await SubscriptionBodies.ReadAssignmentAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        var holder = directory.FindUser(subscription!.TenantId, user);
        var actor = PurchaseEndpoints.Actor(context, clock);
        ChangeRefusal? refusal = null;
        IResult? missing = null;
        store.TryChange(subscription.TenantId, subscription.SubscriptionId, includeOrganization: true, (current, writer) =>
        {
            var onDestination = holder is not null && writer.IsAssigned(holder.ObjectId);
            if (moveFrom is null)
            {
                refusal = PurchaseChanges.Assign(current, holder, user, onDestination);
                if (refusal is null && !onDestination)
                {
                    writer.Assign(holder!.ObjectId, actor.At);
                    writer.Audit(actor, current.SubscriptionId, PurchaseAuditActions.UserAssigned, holder.UserPrincipalName);
                }

                return;
            }

            var source = writer.SelfServicePurchase(moveFrom);
            if (source is null)
            {
                missing = PurchaseEndpoints.NotFound(moveFrom);
                return;
            }

            var onSource = holder is not null && writer.IsAssignedTo(source.SubscriptionId, holder.ObjectId);
            refusal = PurchaseChanges.Move(source, current, holder, user, onSource, onDestination);
            if (refusal is null && onSource)
            {
                writer.Assign(holder!.ObjectId, actor.At);
                writer.UnassignFrom(source.SubscriptionId, holder.ObjectId);
                writer.Audit(actor, source.SubscriptionId, PurchaseAuditActions.UserMoved, $"{holder.UserPrincipalName} → {current.ProductName} ({current.SubscriptionId})");
            }
        });

        return missing ?? refusal switch
        {
            null => Results.Ok(Full(store, Find(store, subscription.TenantId, subscription.SubscriptionId)!)),
            { IsConflict: true } => ServiceErrors.Error(StatusCodes.Status409Conflict, refusal.ErrorCode, refusal.Reason),
            _ => ServiceErrors.BadRequest(refusal.Reason, refusal.ErrorCode),
        };
    }

    private static IResult Unassign(HttpContext context, string subscriptionId, string user, PurchaseStore store, DirectoryStore directory, TimeProvider clock)
    {
        var (subscription, refused) = Manageable(context, subscriptionId, store);
        if (refused is not null)
        {
            return refused;
        }

        var holder = directory.FindUser(subscription!.TenantId, user);
        if (holder is null)
        {
            return ServiceErrors.NotFound($"'{user}' is not a user of this tenant.", ChangeErrorCodes.UserNotFound);
        }

        var actor = PurchaseEndpoints.Actor(context, clock);
        store.TryChange(subscription.TenantId, subscription.SubscriptionId, includeOrganization: true, (current, writer) =>
        {
            if (writer.IsAssigned(holder.ObjectId))
            {
                writer.Unassign(holder.ObjectId);
                writer.Audit(actor, current.SubscriptionId, PurchaseAuditActions.UserUnassigned, holder.UserPrincipalName);
            }
        });
        return Results.NoContent();
    }

    private static IResult ListAudit(HttpContext context, PurchaseAudit audit)
    {
        var caller = context.Caller();
        return PurchaseAccess.CanReadAll(caller)
            ? Results.Ok(new { items = audit.Entries(caller.TenantId) })
            : ServiceErrors.Forbidden(PurchaseAccess.ListRefusal("the purchase audit"));
    }

    private static (Purchase? Subscription, IResult? Refused) Manageable(HttpContext context, string subscriptionId, PurchaseStore store)
    {
        var caller = context.Caller();
        if (!PurchaseAccess.CanReadAll(caller))
        {
            return (null, ServiceErrors.Forbidden(PurchaseAccess.ListRefusal("the tenant's subscriptions")));
        }

        var subscription = Find(store, caller.TenantId, subscriptionId);
        return subscription is null ? (null, PurchaseEndpoints.NotFound(subscriptionId))
            : PurchaseAccess.CanManageAll(caller) ? (subscription, null)
            : (null, ServiceErrors.Forbidden($"Assigning the licences of the subscription {subscription.SubscriptionId} requires one of: {PurchaseAccess.ManageAllRolesText}."));
    }

    /// <summary>A central subscription of the tenant; self-service purchases are not found here.</summary>
    private static Purchase? Find(PurchaseStore store, string tenantId, string subscriptionId) =>
        Guid.TryParse(subscriptionId, out var id) && store.Find(tenantId, id.ToString(), includeOrganization: true) is { OwnerType: OwnerTypes.Organization } found ? found : null;

    internal static OrganizationSubscriptionItem Full(PurchaseStore store, Purchase subscription)
    {
        string[] ids = [subscription.SubscriptionId];
        return Item(subscription, store.Assignees(ids)[subscription.SubscriptionId]);
    }

    private static OrganizationSubscriptionItem Item(Purchase subscription, IReadOnlyList<AssignedUser> assignees) => new(
        subscription.SubscriptionId, subscription.ProductId, subscription.ProductName, subscription.Quantity, subscription.AssignedLicenses,
        Math.Max(0, subscription.Quantity - subscription.AssignedLicenses), subscription.Status, subscription.ExpirationDate,
        assignees.Select(PurchaseJson.User).ToList());
}
