using System.Text.Json.Serialization;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Api;

/// <summary>A purchase as the REST API answers it; history and assigned users only when expanded or asked for one by id.</summary>
public sealed record PurchaseItem(
    string SubscriptionId, string ProductId, string ProductName,
    string? PurchaserObjectId, string? PurchaserUpn, string? PurchaserDisplayName, string? PurchaserState,
    int Quantity, int AssignedLicenses, string Status, bool IsTrial,
    DateTime PurchaseDate, DateTime ExpirationDate, bool AutoRenew,
    decimal UnitPrice, string Currency, string BillingFrequency,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OrderEventItem>? OrderHistory,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AssignedUserItem>? AssignedUsers);

public sealed record OrderEventItem(string EventType, DateTime Date, int Quantity, decimal Amount, string Currency);

/// <summary>A user holding a licence; <c>state</c> is Active, Disabled or Deleted (left the organisation).</summary>
public sealed record AssignedUserItem(string ObjectId, string UserPrincipalName, string DisplayName, string State);

public sealed record PurchasePage(
    IReadOnlyList<PurchaseItem> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextLink);

public static class PurchaseJson
{
    public static PurchaseItem Item(Purchase purchase, IReadOnlyList<OrderEvent>? history, IReadOnlyList<AssignedUser>? assignees) => new(
        purchase.SubscriptionId, purchase.ProductId, purchase.ProductName,
        purchase.PurchaserObjectId, purchase.PurchaserUpn, purchase.PurchaserDisplayName, purchase.PurchaserState,
        purchase.Quantity, purchase.AssignedLicenses, purchase.Status, purchase.IsTrial,
        purchase.PurchaseDate, purchase.ExpirationDate, purchase.AutoRenew,
        Money(purchase.UnitPriceCents), purchase.Currency, purchase.BillingFrequency,
        history?.Select(entry => new OrderEventItem(entry.EventType, entry.Date, entry.Quantity, Money(entry.AmountCents), entry.Currency)).ToList(),
        assignees?.Select(User).ToList());

    public static AssignedUserItem User(AssignedUser user) => new(user.ObjectId, user.UserPrincipalName, user.DisplayName, user.State);

    /// <summary>Cents as a decimal with two places, so 1000 is written 10.00.</summary>
    public static decimal Money(long cents)
    {
        var magnitude = (ulong)Math.Abs(cents);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, cents < 0, 2);
    }
}
