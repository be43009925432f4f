namespace MSCommerce.Stub.Data;

/// <summary>Where a page ended: the sort key of its last item.</summary>
public sealed record PurchaseCursor(DateTime PurchaseDate, string SubscriptionId);
