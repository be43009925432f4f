namespace MSCommerce.Stub.Data;

/// <summary>
/// A subscription as the admin center shows it: product, purchaser, licences, status, dates and price;
/// <see cref="PurchaserState"/> says whether its purchaser still has an account (null without purchaser).
/// </summary>
public sealed record Purchase(
    string SubscriptionId, string TenantId, string ProductId, string ProductName, string OwnerType,
    string? PurchaserObjectId, string? PurchaserUpn, string? PurchaserDisplayName,
    int Quantity, int AssignedLicenses, string Status, bool IsTrial,
    DateTime PurchaseDate, DateTime ExpirationDate, bool AutoRenew,
    long UnitPriceCents, string Currency, string BillingFrequency, string? PurchaserState = null);
