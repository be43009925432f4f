namespace MSCommerce.Stub.Data;

public static class PurchaseStatuses
{
    public const string Active = "Active";
    public const string Expired = "Expired";
    public const string Disabled = "Disabled";
    public const string Cancelled = "Cancelled";

    public static IReadOnlyList<string> All { get; } = [Active, Expired, Disabled, Cancelled];
}
