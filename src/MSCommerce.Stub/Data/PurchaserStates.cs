namespace MSCommerce.Stub.Data;

/// <summary>Whether a purchaser still has an account: Active, Disabled (sign-in blocked) or Deleted (left the organisation).</summary>
public static class PurchaserStates
{
    public const string Active = "Active";
    public const string Disabled = "Disabled";
    public const string Deleted = "Deleted";

    public static IReadOnlyList<string> All { get; } = [Active, Disabled, Deleted];

    /// <summary>The state as SQL over the users row joined as <c>u</c>; NULL when the purchase has no purchaser.</summary>
    public const string Sql = "CASE WHEN u.object_id IS NULL THEN NULL WHEN u.deleted = 1 THEN 'Deleted' WHEN u.account_enabled = 0 THEN 'Disabled' ELSE 'Active' END";
}
