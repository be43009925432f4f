namespace MSCommerce.Stub.Data;

public static class OrderEventTypes
{
    public const string Purchase = "Purchase";
    public const string QuantityChange = "QuantityChange";
    public const string Renewal = "Renewal";
    public const string Cancellation = "Cancellation";
    public const string TrialStarted = "TrialStarted";
}
