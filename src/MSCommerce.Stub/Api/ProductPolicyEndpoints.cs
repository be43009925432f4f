using MSCommerce.Stub.Data;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Stub.Api;

/// <summary>/v1.0/policies: the policies, and their values per product and per offer type, of the caller's tenant.</summary>
public static class ProductPolicyEndpoints
{
    public static void MapPolicies(this IEndpointRouteBuilder routes)
    {
        foreach (var version in new[] { "v1.0", "v1" })
        {
            var policies = routes.MapGroup($"/{version}/policies");
            policies.MapGet("", ListPolicies);
            policies.MapGet("/{policyId}", GetPolicy);
            policies.MapGet("/{policyId}/products", ListProductPolicies);
            policies.MapGet("/{policyId}/products/{productId}", GetProductPolicy);
            policies.MapPut("/{policyId}/products/{productId}", UpdateProductPolicy);
            policies.MapGet("/{policyId}/offerTypes/{offerType}", GetOfferTypePolicy);
            policies.MapPut("/{policyId}/offerTypes/{offerType}", UpdateOfferTypePolicy);
            routes.MapGet($"/{version}/auditLogs/policyChanges", ListAudit);
        }
    }

    private static IResult ListPolicies(HttpContext context) =>
        Guard(context, write: false) ?? Results.Ok(new { items = new[] { PolicyJson() } });

    private static IResult GetPolicy(HttpContext context, string policyId) =>
        Guard(context, write: false) ?? UnknownPolicy(policyId) ?? Results.Ok(PolicyJson());

    private static IResult ListProductPolicies(HttpContext context, string policyId, string? scope, ProductPolicyStore store)
    {
        if ((Guard(context, write: false) ?? UnknownPolicy(policyId)) is { } refused)
        {
            return refused;
        }

        var tenant = context.Caller().TenantId;
        return (scope ?? "product").ToLowerInvariant() switch
        {
            "product" => Results.Ok(new { items = store.ListProducts(tenant, policyId).Select(ProductJson) }),
            "offertype" => Results.Ok(new { items = store.ListOfferTypes(tenant, policyId).Select(OfferTypeJson) }),
            _ => ServiceErrors.BadRequest("Invalid scope."),
        };
    }

    private static IResult GetProductPolicy(HttpContext context, string policyId, string productId, ProductPolicyStore store)
    {
        if ((Guard(context, write: false) ?? UnknownPolicy(policyId)) is { } refused)
        {
            return refused;
        }

        var product = store.GetProduct(context.Caller().TenantId, policyId, productId);
        return product is null ? UnknownProduct(productId) : Results.Ok(ProductJson(product));
    }

    private static IResult GetOfferTypePolicy(HttpContext context, string policyId, string offerType, ProductPolicyStore store)
    {
        if ((Guard(context, write: false) ?? UnknownPolicy(policyId)) is { } refused)
        {
            return refused;
        }

        var row = store.GetOfferType(context.Caller().TenantId, policyId, offerType);
        return row is null ? UnknownOfferType(offerType) : Results.Ok(OfferTypeJson(row));
    }

    private static Task<IResult> UpdateProductPolicy(HttpContext context, string policyId, string productId, ProductPolicyStore store) =>
        UpdateAsync(context, policyId, store, tenant =>
            store.GetProduct(tenant, policyId, productId) is { } product
                ? new PolicyTarget("Product", product.ProductId, PolicyValues.ForProduct(product), $"{product.ProductName} ({product.ProductId})", value => ProductJson(product with { PolicyValue = value }))
                : null,
            () => UnknownProduct(productId));

    private static Task<IResult> UpdateOfferTypePolicy(HttpContext context, string policyId, string offerType, ProductPolicyStore store) =>
        UpdateAsync(context, policyId, store, tenant =>
            store.GetOfferType(tenant, policyId, offerType) is { } row
                ? new PolicyTarget("OfferType", row.OfferType, PolicyValues.ForOfferType, $"the offer type {row.OfferType}", value => OfferTypeJson(row with { PolicyValue = value }))
                : null,
            () => UnknownOfferType(offerType));

    /// <summary>A PUT of a policy value, for a product or an offer type: checks, then sets and audits in the store's one transaction.</summary>
    private static async Task<IResult> UpdateAsync(HttpContext context, string policyId, ProductPolicyStore store, Func<string, PolicyTarget?> find, Func<IResult> unknown)
    {
        if ((Guard(context, write: true) ?? UnknownPolicy(policyId)) is { } refused)
        {
            return refused;
        }

        var caller = context.Caller();
        if (find(caller.TenantId) is not { } target)
        {
            return unknown();
        }

        var (value, error) = await PolicyValueBody.ReadAsync(context.Request);
        if (error is not null)
        {
            return error;
        }

        if (PolicyValues.Refusal(value!, target.Allowed, target.Description) is { } reason)
        {
            return ServiceErrors.BadRequest(reason, "InvalidPolicyValue");
        }

        store.SetValue(new PolicyChange(caller.TenantId, caller.Name, policyId, target.Scope, target.ScopeId, value!, CorrelationMiddleware.Of(context)));
        return Results.Ok(target.Json(value!));
    }

    private static IResult ListAudit(HttpContext context, ProductPolicyStore store) =>
        Guard(context, write: false) ?? Results.Ok(new { items = store.Audit(context.Caller().TenantId) });

    private static IResult? Guard(HttpContext context, bool write)
    {
        var caller = context.Caller();
        var decision = write ? PolicyAccess.CanChange(caller) : PolicyAccess.CanRead(caller);
        return decision.Allowed ? null : ServiceErrors.Forbidden(decision.Reason!);
    }

    private static IResult? UnknownPolicy(string policyId) =>
        policyId == Catalog.AllowSelfServicePurchase ? null : ServiceErrors.NotFound($"Policy '{policyId}' does not exist.", "PolicyNotFound");

    private static IResult UnknownProduct(string productId) => ServiceErrors.NotFound($"Product '{productId}' does not exist.", "ProductNotFound");

    private static IResult UnknownOfferType(string offerType) => ServiceErrors.NotFound($"Offer type '{offerType}' does not exist.", "OfferTypeNotFound");

    private static object PolicyJson() => new { id = Catalog.AllowSelfServicePurchase, description = Catalog.PolicyDescription, defaultValue = Catalog.DefaultValue };

    private static object ProductJson(ProductPolicyRow row) => new
    {
        policyId = row.PolicyId,
        productId = row.ProductId,
        productName = row.ProductName,
        policyValue = row.PolicyValue,
        scope = "Product",
    };

    private static object OfferTypeJson(OfferTypePolicyRow row) => new
    {
        policyId = row.PolicyId,
        policyValue = row.PolicyValue,
        scope = "OfferType",
        scopeId = row.OfferType,
        scopeValue = row.OfferTypeName,
    };

    /// <summary>What a policy PUT changes: a product or an offer type, the values it takes, and its answer once set.</summary>
    private sealed record PolicyTarget(string Scope, string ScopeId, IReadOnlyList<string> Allowed, string Description, Func<string, object> Json);
}
