using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Api;

/// <summary>Microsoft Graph's companySubscription.</summary>
public sealed record CompanySubscription(
    string Id, string CommerceSubscriptionId, DateTime CreatedDateTime, bool IsTrial, DateTime NextLifecycleDateTime,
    string? OwnerId, string OwnerTenantId, string OwnerType, IReadOnlyList<ServicePlanInfo> ServiceStatus,
    Guid SkuId, string SkuPartNumber, string Status, int TotalLicenses);

public sealed record ServicePlanInfo(Guid ServicePlanId, string ServicePlanName, string ProvisioningStatus, string AppliesTo);

public sealed record CompanySubscriptionPage(
    [property: JsonPropertyName("@odata.context")] string Context,
    IReadOnlyList<CompanySubscription> Value,
    [property: JsonPropertyName("@odata.nextLink"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextLink);

/// <summary>
/// How a purchase looks through Graph: no product id, purchaser name or price. Status maps
/// Active → Enabled, Disabled → Suspended, Expired → Expired, and Cancelled → Warning (it runs to the
/// end of its term without renewing).
/// </summary>
public static class GraphSubscriptionJson
{
    public static CompanySubscription Item(Purchase purchase)
    {
        var status = purchase.Status switch
        {
            PurchaseStatuses.Active => "Enabled",
            PurchaseStatuses.Disabled => "Suspended",
            PurchaseStatuses.Cancelled => "Warning",
            _ => "Expired",
        };
        var partNumber = ProductSkus.SkuPartNumber(purchase.ProductName);
        var plan = new ServicePlanInfo(DerivedId("plan:" + purchase.ProductId), partNumber, status is "Enabled" or "Warning" ? "Success" : "Disabled", "User");
        return new CompanySubscription(
            purchase.SubscriptionId, DerivedId("commerce:" + purchase.SubscriptionId).ToString(), purchase.PurchaseDate, purchase.IsTrial, purchase.ExpirationDate,
            purchase.PurchaserObjectId, purchase.TenantId, purchase.OwnerType, [plan],
            ProductSkus.SkuId(purchase.ProductId), partNumber, status, purchase.Quantity);
    }

    private static Guid DerivedId(string seed) => new(MD5.HashData(Encoding.UTF8.GetBytes(seed)));
}
