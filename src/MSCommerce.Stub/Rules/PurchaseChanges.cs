using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Rules;

/// <summary>
/// Why a change is refused: a conflict with the subscription's state (409) or a request that cannot be
/// right (400), with the error code a client can tell refusals apart by.
/// </summary>
public sealed record ChangeRefusal(bool IsConflict, string ErrorCode, string Reason)
{
    /// <summary>How many more free licences would have let the change through, when that is why it was refused.</summary>
    public int? MissingLicences { get; init; }

    public static ChangeRefusal Conflict(string errorCode, string reason) => new(true, errorCode, reason);

    public static ChangeRefusal Invalid(string errorCode, string reason) => new(false, errorCode, reason);
}

/// <summary>The error codes of refused changes: stable, so clients can map them to their own errors.</summary>
public static class ChangeErrorCodes
{
    public const string QuantityOutOfRange = "QuantityOutOfRange";
    public const string TrialQuantityFixed = "TrialQuantityFixed";
    public const string QuantityBelowAssigned = "QuantityBelowAssigned";
    public const string SubscriptionNotActive = "SubscriptionNotActive";
    public const string AlreadyCancelled = "AlreadyCancelled";
    public const string SubscriptionExpired = "SubscriptionExpired";
    public const string UserNotInTenant = "UserNotInTenant";
    public const string UserDeleted = "UserDeleted";
    public const string NoFreeLicences = "NoFreeLicences";
    public const string UserNotAssigned = "UserNotAssigned";
    public const string UserNotFound = "UserNotFound";
    public const string ProductMismatch = "ProductMismatch";
    public const string NotEnoughLicences = "NotEnoughLicences";
    public const string AlreadyTakenOver = "AlreadyTakenOver";
}

/// <summary>
/// What may change on a subscription once bought: its quantity, cancelling it, and who holds its
/// licences. Changes apply to active subscriptions; a policy change does not touch existing ones.
/// </summary>
public static class PurchaseChanges
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 10_000;

    public static string? QuantityOutOfRange(int quantity) =>
        quantity is < MinQuantity or > MaxQuantity ? $"quantity must be between {MinQuantity} and {MaxQuantity}, not {quantity}." : null;

    public static ChangeRefusal? Quantity(Purchase purchase, int quantity)
    {
        if (QuantityOutOfRange(quantity) is { } range)
        {
            return ChangeRefusal.Invalid(ChangeErrorCodes.QuantityOutOfRange, range);
        }

        if (purchase.IsTrial)
        {
            return ChangeRefusal.Invalid(ChangeErrorCodes.TrialQuantityFixed, $"A trial's licence count is fixed; buy {purchase.ProductName} to choose how many licences.");
        }

        if (purchase.Status != PurchaseStatuses.Active)
        {
            return ChangeRefusal.Conflict(ChangeErrorCodes.SubscriptionNotActive, $"The subscription is {purchase.Status}; only an active subscription's quantity can change.");
        }

        return quantity < purchase.AssignedLicenses
            ? ChangeRefusal.Invalid(ChangeErrorCodes.QuantityBelowAssigned, $"{purchase.AssignedLicenses} licences are assigned; unassign users before lowering the quantity to {quantity}.")
            : null;
    }

    public static ChangeRefusal? Cancel(Purchase purchase) => purchase.Status switch
    {
        PurchaseStatuses.Cancelled => ChangeRefusal.Conflict(ChangeErrorCodes.AlreadyCancelled, "The subscription is already cancelled."),
        PurchaseStatuses.Expired => ChangeRefusal.Conflict(ChangeErrorCodes.SubscriptionExpired, "The subscription has expired; there is nothing left to cancel."),
        _ => null,
    };

    /// <summary>Licences go to users of the purchaser's tenant, one each, up to the quantity; assigning again changes nothing.</summary>
    public static ChangeRefusal? Assign(Purchase purchase, DirectoryUser? user, string requested, bool alreadyAssigned)
    {
        if (user is null || !string.Equals(user.TenantId, purchase.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return ChangeRefusal.Invalid(ChangeErrorCodes.UserNotInTenant, $"'{requested}' is not a user of this tenant; licences can be assigned to users of the purchaser's tenant only.");
        }

        if (user.Deleted)
        {
            return ChangeRefusal.Invalid(ChangeErrorCodes.UserDeleted, $"{user.UserPrincipalName} was deleted; a licence cannot be assigned to them.");
        }

        if (alreadyAssigned)
        {
            return null;
        }

        if (purchase.Status != PurchaseStatuses.Active)
        {
            return ChangeRefusal.Conflict(ChangeErrorCodes.SubscriptionNotActive, $"The subscription is {purchase.Status}; licences of an active subscription only can be assigned.");
        }

        return purchase.AssignedLicenses >= purchase.Quantity
            ? ChangeRefusal.Conflict(ChangeErrorCodes.NoFreeLicences, $"All {purchase.Quantity} licences are assigned; buy more or unassign a user first.")
            : null;
    }

    /// <summary>
    /// Taking over a user: their licence moves from a self-service purchase to a central subscription
    /// of the same product, both of the tenant; the central one must have a free licence.
    /// </summary>
    public static ChangeRefusal? Move(Purchase source, Purchase destination, DirectoryUser? user, string requested, bool assignedOnSource, bool assignedOnDestination)
    {
        if (!string.Equals(source.ProductId, destination.ProductId, StringComparison.OrdinalIgnoreCase))
        {
            return ChangeRefusal.Invalid(ChangeErrorCodes.ProductMismatch,
                $"The subscription {destination.SubscriptionId} is {destination.ProductName}, not {source.ProductName}; users move to a subscription of the same product.");
        }

        if (!assignedOnSource && !assignedOnDestination)
        {
            return ChangeRefusal.Conflict(ChangeErrorCodes.UserNotAssigned, $"'{requested}' holds no licence of the subscription {source.SubscriptionId}.");
        }

        return Assign(destination, user, requested, assignedOnDestination);
    }
}
