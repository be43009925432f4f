namespace MSCommerce.Stub.Data;

/// <summary>A subscription to store, with its history and the object ids of the users holding its licences.</summary>
public sealed record NewPurchase(
    string SubscriptionId, string TenantId, string ProductId, string OwnerType, string? PurchaserObjectId,
    int Quantity, string Status, bool IsTrial, DateTime PurchaseDate, DateTime ExpirationDate, bool AutoRenew,
    long UnitPriceCents, string Currency, string BillingFrequency,
    IReadOnlyList<OrderEvent> History, IReadOnlyList<string> AssignedUserIds);
