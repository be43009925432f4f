using MSCommerce.Stub.Api;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Stub.Testing;

/// <summary>
/// POST /_admin/tenants/{tenant}/purchases: arranges a purchase as it stands, with any purchaser,
/// status and dates, past the business rules (a purchase without purchaser is a central,
/// Organization-owned subscription). Mapped only when test controls are enabled.
/// </summary>
public static class PurchaseAdminEndpoints
{
    public sealed record ArrangedPurchase(
        string ProductId, string? Purchaser, string? SubscriptionId, int? Quantity, string? Status, bool? IsTrial,
        DateTimeOffset? PurchaseDate, DateTimeOffset? ExpirationDate, bool? AutoRenew, string? BillingFrequency, string[]? AssignedUsers);

    public static void MapPurchaseAdmin(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/_admin/tenants/{tenant}/purchases", Arrange);
        routes.MapGet("/_admin/tenants/{tenant}/purchaseAudit", (string tenant, DirectoryStore directory, PurchaseAudit audit) =>
            directory.FindTenant(tenant) is { } owner ? Results.Ok(audit.Entries(owner.TenantId)) : ServiceErrors.NotFound($"Tenant {tenant} does not exist."));
    }

    private static IResult Arrange(string tenant, ArrangedPurchase request, DirectoryStore directory, ProductPolicyStore policies, PurchaseStore store, TimeProvider clock)
    {
        var owner = directory.FindTenant(tenant);
        if (owner is null)
        {
            return ServiceErrors.NotFound($"Tenant {tenant} does not exist.");
        }

        var product = policies.GetProduct(owner.TenantId, Catalog.AllowSelfServicePurchase, request.ProductId ?? "");
        if (product is null)
        {
            return ServiceErrors.BadRequest($"Product '{request.ProductId}' does not exist.", "ProductNotFound");
        }

        var purchaser = request.Purchaser is null ? null : directory.FindUser(owner.TenantId, request.Purchaser);
        if (request.Purchaser is not null && purchaser is null)
        {
            return ServiceErrors.BadRequest($"'{request.Purchaser}' is not a user of {owner.Domain}.");
        }

        var status = PurchaseStatuses.All.FirstOrDefault(known => known.Equals(request.Status ?? PurchaseStatuses.Active, StringComparison.OrdinalIgnoreCase));
        var billing = new[] { BillingFrequencies.Monthly, BillingFrequencies.Annual, BillingFrequencies.None }
            .FirstOrDefault(known => known.Equals(request.BillingFrequency ?? (request.IsTrial == true ? BillingFrequencies.None : BillingFrequencies.Monthly), StringComparison.OrdinalIgnoreCase));
        if (status is null || billing is null || request.Quantity is < PurchaseChanges.MinQuantity or > PurchaseChanges.MaxQuantity)
        {
            return ServiceErrors.BadRequest($"status takes {string.Join(", ", PurchaseStatuses.All)}; billingFrequency Monthly, Annual or None; quantity {PurchaseChanges.MinQuantity} to {PurchaseChanges.MaxQuantity}.");
        }

        var assigned = new List<string>();
        foreach (var name in request.AssignedUsers ?? [])
        {
            var user = directory.FindUser(owner.TenantId, name);
            if (user is null)
            {
                return ServiceErrors.BadRequest($"'{name}' is not a user of {owner.Domain}.");
            }

            assigned.Add(user.ObjectId);
        }

        var subscriptionId = request.SubscriptionId is null ? Guid.NewGuid().ToString() : Guid.TryParse(request.SubscriptionId, out var id) ? id.ToString() : null;
        if (subscriptionId is null)
        {
            return ServiceErrors.BadRequest($"subscriptionId '{request.SubscriptionId}' is not a GUID.");
        }

        var isTrial = request.IsTrial ?? false;
        var quantity = request.Quantity ?? 1;
        var purchaseDate = (request.PurchaseDate ?? clock.GetUtcNow()).UtcDateTime;
        var terms = PurchaseTerms.ForOrder(subscriptionId, owner.TenantId, purchaser?.ObjectId ?? "", product.ProductId, quantity, isTrial, purchaseDate);
        var unitPrice = ProductSkus.UnitPrice(product.ProductId, billing);
        var purchase = terms with
        {
            OwnerType = purchaser is null ? OwnerTypes.Organization : OwnerTypes.User,
            PurchaserObjectId = purchaser?.ObjectId,
            Status = status,
            ExpirationDate = request.ExpirationDate?.UtcDateTime ?? terms.ExpirationDate,
            AutoRenew = request.AutoRenew ?? terms.AutoRenew,
            UnitPriceCents = unitPrice,
            BillingFrequency = billing,
            History = [terms.History[0] with { AmountCents = quantity * unitPrice }],
            AssignedUserIds = assigned,
        };
        if (!store.Add(purchase))
        {
            return ServiceErrors.Error(StatusCodes.Status409Conflict, "Conflict", $"Subscription {subscriptionId} already exists.");
        }

        var stored = store.Find(owner.TenantId, subscriptionId, includeOrganization: true)!;
        string[] ids = [subscriptionId];
        return Results.Created($"/v1.0/selfServicePurchases/{subscriptionId}", PurchaseJson.Item(stored, store.History(ids)[subscriptionId], store.Assignees(ids)[subscriptionId]));
    }
}
