using System.Net;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Everything a tenant's admin can read that a request could change: policy values per product and
/// offer type, the audit logs, the purchases with their history and assignees, and the central subscriptions with theirs. Two captures are
/// equal when nothing changed in between.
/// </summary>
internal static class TenantState
{
    private const string Policies = "v1.0/policies/AllowSelfServicePurchase";

    public static async Task<string> CaptureAsync(ServiceFixture service, string adminToken)
    {
        var parts = new List<string>();
        foreach (var path in new[] { $"{Policies}/products?scope=product", $"{Policies}/products?scope=OfferType", "v1.0/auditLogs/policyChanges", $"{Shop.Purchases}?$expand=orderHistory,assignedUsers&$top=1000", "v1.0/organizationSubscriptions", "v1.0/auditLogs/purchaseChanges" })
        {
            parts.Add((await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, adminToken)).GetRawText());
        }

        return string.Join('\n', parts);
    }
}
