using MSCommerce.Stub.Data;
using MSCommerce.Stub.Domain;

namespace MSCommerce.Stub.Rules;

/// <summary>
/// Who may see and manage self-service purchases (reference: "Who may buy" and the admin center).
/// See every purchase of the tenant: Global Administrator, Billing Administrator, Global Reader, or the
/// app role Policy.Read/ReadWrite. Manage (quantity, cancel, assign) any: Billing Administrator,
/// Global Administrator, or the app role Policy.ReadWrite. A purchaser sees and manages their own;
/// to anyone else a purchase they may not see does not exist.
/// </summary>
public static class PurchaseAccess
{
    public const string ReadRolesText = "Global Administrator, Billing Administrator, Global Reader (applications: Policy.Read.AllowSelfServicePurchase or Policy.ReadWrite.AllowSelfServicePurchase)";
    public const string ManageAllRolesText = "Global Administrator, Billing Administrator (applications: Policy.ReadWrite.AllowSelfServicePurchase)";
    public const string ManageRolesText = "Global Administrator, Billing Administrator (applications: Policy.ReadWrite.AllowSelfServicePurchase), or being its purchaser";

    public static string ListRefusal(string what) =>
        $"Listing {what} requires one of: {ReadRolesText}. Users see their own purchases at /v1.0/me/selfServicePurchases.";

    public static string ManageRefusal(Purchase purchase) =>
        $"Changing the subscription {purchase.SubscriptionId} requires one of: {ManageRolesText}.";

    public static bool CanReadAll(Caller caller) => PolicyAccess.CanRead(caller).Allowed;

    public static bool CanManageAll(Caller caller) => PolicyAccess.CanChange(caller).Allowed;

    public static bool IsPurchaser(Caller caller, Purchase purchase) =>
        !caller.IsApplication
        && string.Equals(caller.TenantId, purchase.TenantId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(caller.ObjectId, purchase.PurchaserObjectId, StringComparison.OrdinalIgnoreCase);

    public static bool CanSee(Caller caller, Purchase purchase) => CanReadAll(caller) || IsPurchaser(caller, purchase);

    public static bool CanManage(Caller caller, Purchase purchase) => CanManageAll(caller) || IsPurchaser(caller, purchase);
}
