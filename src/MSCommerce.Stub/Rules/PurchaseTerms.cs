using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Rules;

/// <summary>
/// The terms of a new self-service subscription. A purchase runs a year, is billed monthly at the
/// product's list price per licence, and renews. A trial runs 30 days, costs nothing and does not
/// renew. Either starts Active, with no licence assigned.
/// </summary>
public static class PurchaseTerms
{
    public static readonly TimeSpan TrialLength = TimeSpan.FromDays(30);

    public static NewPurchase ForOrder(string subscriptionId, string tenantId, string purchaserObjectId, string productId, int quantity, bool isTrial, DateTime now)
    {
        var billing = isTrial ? BillingFrequencies.None : BillingFrequencies.Monthly;
        var unitPrice = ProductSkus.UnitPrice(productId, billing);
        var started = new OrderEvent(isTrial ? OrderEventTypes.TrialStarted : OrderEventTypes.Purchase, now, quantity, quantity * unitPrice, ProductSkus.Currency);
        return new NewPurchase(subscriptionId, tenantId, productId, OwnerTypes.User, purchaserObjectId, quantity, PurchaseStatuses.Active, isTrial,
            now, isTrial ? now + TrialLength : now.AddYears(1), AutoRenew: !isTrial, unitPrice, ProductSkus.Currency, billing, [started], []);
    }
}
