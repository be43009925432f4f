using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Api;

/// <summary>/v1.0/policies/{policyId}/products: the product policies of the tenant.</summary>
public static class ProductPolicyEndpoints
{
    public static void MapProductPolicies(this IEndpointRouteBuilder routes)
    {
        foreach (var version in new[] { "v1.0", "v1" })
        {
            routes.MapGet($"/{version}/policies/{{policyId}}/products", (string policyId, string? scope, ProductPolicyStore store) =>
            {
                if (scope is not null && !scope.Equals("product", StringComparison.OrdinalIgnoreCase))
                {
                    return ServiceErrors.BadRequest("Invalid scope.");
                }

                if (policyId != Catalog.AllowSelfServicePurchase)
                {
                    return ServiceErrors.NotFound($"Policy '{policyId}' does not exist.");
                }

                var items = store.List(policyId).Select(row => new
                {
                    policyId = row.PolicyId,
                    productId = row.ProductId,
                    productName = row.ProductName,
                    policyValue = row.PolicyValue,
                    scope = "Product",
                });
                return Results.Ok(new { items });
            });
        }
    }
}
