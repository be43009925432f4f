using MSCommerce.Stub.Data;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Stub.Api;

/// <summary>
/// /v1.0/selfServicePurchases: the self-service purchases and trials of the caller's tenant (admins),
/// the caller's own (/me), buying, and what a purchaser or an admin changes afterwards.
/// </summary>
public static class PurchaseEndpoints
{
    public static void MapPurchases(this IEndpointRouteBuilder routes)
    {
        foreach (var version in new[] { "v1.0", "v1" })
        {
            var purchases = routes.MapGroup($"/{version}/selfServicePurchases");
            purchases.MapGet("", List);
            purchases.MapPost("", Buy);
            purchases.MapGet("/{subscriptionId}", Get);
            purchases.MapPatch("/{subscriptionId}", ChangeQuantity);
            purchases.MapPost("/{subscriptionId}/cancel", Cancel);
            purchases.MapPost("/{subscriptionId}/assignedUsers", Assign);
            purchases.MapDelete("/{subscriptionId}/assignedUsers/{user}", Unassign);
            routes.MapGet($"/{version}/me/selfServicePurchases", ListMine);
        }
    }

    private static IResult List(HttpContext context, PurchaseStore store)
    {
        var caller = context.Caller();
        return PurchaseAccess.CanReadAll(caller)
            ? Page(context, store, query => query.Filter(caller.TenantId))
            : ServiceErrors.Forbidden(PurchaseAccess.ListRefusal("the tenant's self-service purchases"));
    }

    private static IResult ListMine(HttpContext context, PurchaseStore store)
    {
        var caller = context.Caller();
        return caller.IsApplication
            ? ServiceErrors.Forbidden("An application has no purchases of its own; list the tenant's at /v1.0/selfServicePurchases.")
            : Page(context, store, query => query.Filter(caller.TenantId) with { OwnedBy = caller.ObjectId });
    }

    private static IResult Page(HttpContext context, PurchaseStore store, Func<PurchaseListQuery, PurchaseFilter> filter)
    {
        var (query, error) = PurchaseListQuery.Parse(context.Request.Query);
        if (error is not null)
        {
            return error;
        }

        var rows = store.List(filter(query!));
        var page = rows.Take(query!.Top).ToList();
        var nextLink = rows.Count > query.Top ? query.NextLink(context.Request, new PurchaseCursor(page[^1].PurchaseDate, page[^1].SubscriptionId)) : null;
        var ids = page.Select(purchase => purchase.SubscriptionId).ToList();
        var history = query.ExpandOrderHistory ? store.History(ids) : null;
        var assignees = query.ExpandAssignedUsers ? store.Assignees(ids) : null;
        return Results.Ok(new PurchasePage(
            page.Select(purchase => PurchaseJson.Item(purchase, history?[purchase.SubscriptionId], assignees?[purchase.SubscriptionId])).ToList(),
            nextLink));
    }

    private static IResult Get(HttpContext context, string subscriptionId, PurchaseStore store)
    {
        var (purchase, refused) = Visible(context, subscriptionId, store);
        return refused ?? Results.Ok(Full(store, purchase!));
    }

    private static async Task<IResult> Buy(HttpContext context, PurchaseStore store, DirectoryStore directory, ProductPolicyStore policies, TimeProvider clock)
    {
        var caller = context.Caller();
        if (caller.IsApplication)
        {
            return ServiceErrors.Forbidden("Self-service purchases are made by users; an application cannot buy. Sign in as the user who buys.");
        }

        var (order, error) = await PurchaseBodies.ReadOrderAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        if (PurchaseChanges.QuantityOutOfRange(order!.Quantity) is { } range)
        {
            return ServiceErrors.BadRequest(range);
        }

        var product = policies.GetProduct(caller.TenantId, Catalog.AllowSelfServicePurchase, order.ProductId);
        if (product is null)
        {
            return ServiceErrors.BadRequest($"Product '{order.ProductId}' does not exist.", "ProductNotFound");
        }

        var tenant = directory.FindTenant(caller.TenantId);
        if (tenant is null)
        {
            return ServiceErrors.Forbidden($"Tenant {caller.TenantId} does not exist.");
        }

        var buyer = directory.FindUser(caller.TenantId, caller.ObjectId);
        if (PurchaseEligibility.Refusal(tenant, buyer, new PurchaseRequest(product, order.IsTrial, order.PaymentMethod)) is { } refusal)
        {
            return ServiceErrors.Error(StatusCodes.Status403Forbidden, "PurchaseNotAllowed", refusal);
        }

        var subscriptionId = Guid.NewGuid().ToString();
        store.Add(PurchaseTerms.ForOrder(subscriptionId, tenant.TenantId, buyer!.ObjectId, product.ProductId, order.Quantity, order.IsTrial, clock.GetUtcNow().UtcDateTime));
        var request = context.Request;
        return Results.Created($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.Value!.TrimEnd('/')}/{subscriptionId}", Full(store, store.Find(tenant.TenantId, subscriptionId)!));
    }

    private static async Task<IResult> ChangeQuantity(HttpContext context, string subscriptionId, PurchaseStore store, TimeProvider clock)
    {
        var (purchase, refused) = Manageable(context, subscriptionId, store);
        if (refused is not null)
        {
            return refused;
        }

        var (quantity, error) = await PurchaseBodies.ReadQuantityAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        var actor = Actor(context, clock);
        return Change(store, purchase!, (current, writer) =>
        {
            var refusal = PurchaseChanges.Quantity(current, quantity!.Value);
            if (refusal is null && quantity != current.Quantity)
            {
                writer.SetQuantity(quantity.Value, new OrderEvent(OrderEventTypes.QuantityChange, actor.At, quantity.Value, (quantity.Value - current.Quantity) * current.UnitPriceCents, current.Currency));
                writer.Audit(actor, current.SubscriptionId, PurchaseAuditActions.QuantityChanged, $"{current.Quantity} → {quantity.Value}");
            }

            return refusal;
        });
    }

    private static IResult Cancel(HttpContext context, string subscriptionId, PurchaseStore store, TimeProvider clock)
    {
        var (purchase, refused) = Manageable(context, subscriptionId, store);
        if (refused is not null)
        {
            return refused;
        }

        var actor = Actor(context, clock);
        return Change(store, purchase!, (current, writer) =>
        {
            var refusal = PurchaseChanges.Cancel(current);
            if (refusal is null)
            {
                writer.Cancel(new OrderEvent(OrderEventTypes.Cancellation, actor.At, current.Quantity, 0, current.Currency));
                writer.Audit(actor, current.SubscriptionId, PurchaseAuditActions.Cancelled, $"{current.ProductName} × {current.Quantity}, was {current.Status}");
            }

            return refusal;
        });
    }

    private static async Task<IResult> Assign(HttpContext context, string subscriptionId, PurchaseStore store, DirectoryStore directory, TimeProvider clock)
    {
        var (purchase, refused) = Manageable(context, subscriptionId, store);
        if (refused is not null)
        {
            return refused;
        }

        var (requested, error) = await PurchaseBodies.ReadAssignmentAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        var user = directory.FindUser(purchase!.TenantId, requested!);
        var actor = Actor(context, clock);
        return Change(store, purchase, (current, writer) =>
        {
            var assigned = user is not null && writer.IsAssigned(user.ObjectId);
            var refusal = PurchaseChanges.Assign(current, user, requested!, assigned);
            if (refusal is null && !assigned)
            {
                writer.Assign(user!.ObjectId, actor.At);
                writer.Audit(actor, current.SubscriptionId, PurchaseAuditActions.UserAssigned, user.UserPrincipalName);
            }

            return refusal;
        });
    }

    private static IResult Unassign(HttpContext context, string subscriptionId, string user, PurchaseStore store, DirectoryStore directory, TimeProvider clock)
    {
        var (purchase, refused) = Manageable(context, subscriptionId, store);
        if (refused is not null)
        {
            return refused;
        }

        // Only a caller who may read the whole tenant learns that a name is no user. To a purchaser without
        // an admin role, a user who holds no licence of the purchase is answered alike, whether they never
        // existed, left, or are simply not on it: nothing changes, 204.
        var holder = directory.FindUser(purchase!.TenantId, user);
        if (holder is null && PurchaseAccess.CanReadAll(context.Caller()))
        {
            return ServiceErrors.NotFound($"'{user}' is not a user of this tenant.", ChangeErrorCodes.UserNotFound);
        }

        var actor = Actor(context, clock);
        return store.TryChange(purchase.TenantId, purchase.SubscriptionId, (current, writer) =>
            {
                if (holder is not null && writer.IsAssigned(holder.ObjectId))
                {
                    writer.Unassign(holder.ObjectId);
                    writer.Audit(actor, current.SubscriptionId, PurchaseAuditActions.UserUnassigned, holder.UserPrincipalName);
                }
            })
            ? Results.NoContent()
            : NotFound(subscriptionId);
    }

    /// <summary>The purchase when the caller may see it; to anyone else it does not exist.</summary>
    private static (Purchase? Purchase, IResult? Refused) Visible(HttpContext context, string subscriptionId, PurchaseStore store)
    {
        var caller = context.Caller();
        var purchase = Guid.TryParse(subscriptionId, out var id) ? store.Find(caller.TenantId, id.ToString()) : null;
        return purchase is not null && PurchaseAccess.CanSee(caller, purchase) ? (purchase, null) : (null, NotFound(subscriptionId));
    }

    private static (Purchase? Purchase, IResult? Refused) Manageable(HttpContext context, string subscriptionId, PurchaseStore store)
    {
        var (purchase, refused) = Visible(context, subscriptionId, store);
        return refused is not null ? (null, refused)
            : PurchaseAccess.CanManage(context.Caller(), purchase!) ? (purchase, null)
            : (null, ServiceErrors.Forbidden(PurchaseAccess.ManageRefusal(purchase!)));
    }

    /// <summary>Checks and writes a change in one transaction; answers the subscription as it now is, or the refusal.</summary>
    internal static IResult Change(PurchaseStore store, Purchase purchase, Func<Purchase, PurchaseWriter, ChangeRefusal?> change, bool includeOrganization = false)
    {
        ChangeRefusal? refusal = null;
        if (!store.TryChange(purchase.TenantId, purchase.SubscriptionId, includeOrganization, (current, writer) => refusal = change(current, writer)))
        {
            return NotFound(purchase.SubscriptionId);
        }

        return refusal switch
        {
            null => Results.Ok(Full(store, store.Find(purchase.TenantId, purchase.SubscriptionId, includeOrganization)!)),
            { IsConflict: true } => ServiceErrors.Error(StatusCodes.Status409Conflict, refusal.ErrorCode, refusal.Reason),
            _ => ServiceErrors.BadRequest(refusal.Reason, refusal.ErrorCode),
        };
    }

    /// <summary>Who is changing what, for the purchase audit.</summary>
    public static ChangeActor Actor(HttpContext context, TimeProvider clock) =>
        new(context.Caller().Name, CorrelationMiddleware.Of(context), clock.GetUtcNow().UtcDateTime);

    internal static PurchaseItem Full(PurchaseStore store, Purchase purchase)
    {
        string[] ids = [purchase.SubscriptionId];
        return PurchaseJson.Item(purchase, store.History(ids)[purchase.SubscriptionId], store.Assignees(ids)[purchase.SubscriptionId]);
    }

    internal static IResult NotFound(string subscriptionId) => ServiceErrors.NotFound($"Subscription '{subscriptionId}' does not exist.");
}
