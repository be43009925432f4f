using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Rules;

/// <summary>Why a change is refused: a conflict with the subscription's state (409) or a request that cannot be right (400).</summary>
public sealed record ChangeRefusal(bool IsConflict, string Reason)
{
    public static ChangeRefusal Conflict(string reason) => new(true, reason);

    public static ChangeRefusal Invalid(string reason) => new(false, reason);
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
            return ChangeRefusal.Invalid(range);
        }

        if (purchase.IsTrial)
        {
            return ChangeRefusal.Invalid($"A trial's licence count is fixed; buy {purchase.ProductName} to choose how many licences.");
        }

        if (purchase.Status != PurchaseStatuses.Active)
        {
            return ChangeRefusal.Conflict($"The subscription is {purchase.Status}; only an active subscription's quantity can change.");
        }

        return quantity < purchase.AssignedLicenses
            ? ChangeRefusal.Invalid($"{purchase.AssignedLicenses} licences are assigned; unassign users before lowering the quantity to {quantity}.")
            : null;
    }

    public static ChangeRefusal? Cancel(Purchase purchase) => purchase.Status switch
    {
        PurchaseStatuses.Cancelled => ChangeRefusal.Conflict("The subscription is already cancelled."),
        PurchaseStatuses.Expired => ChangeRefusal.Conflict("The subscription has expired; there is nothing left to cancel."),
        _ => null,
    };

    /// <summary>Licences go to users of the purchaser's tenant, one each, up to the quantity; assigning again changes nothing.</summary>
    public static ChangeRefusal? Assign(Purchase purchase, DirectoryUser? user, string requested, bool alreadyAssigned)
    {
        if (user is null || !string.Equals(user.TenantId, purchase.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return ChangeRefusal.Invalid($"'{requested}' is not a user of this tenant; licences can be assigned to users of the purchaser's tenant only.");
        }

        if (user.Deleted)
        {
            return ChangeRefusal.Invalid($"{user.UserPrincipalName} was deleted; a licence cannot be assigned to them.");
        }

        if (alreadyAssigned)
        {
            return null;
        }

        if (purchase.Status != PurchaseStatuses.Active)
        {
            return ChangeRefusal.Conflict($"The subscription is {purchase.Status}; licences of an active subscription only can be assigned.");
        }

        return purchase.AssignedLicenses >= purchase.Quantity
            ? ChangeRefusal.Conflict($"All {purchase.Quantity} licences are assigned; buy more or unassign a user first.")
            : null;
    }
}
