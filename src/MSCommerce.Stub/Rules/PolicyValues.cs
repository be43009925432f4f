using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Rules;

/// <summary>
/// The values a policy takes. Products: Enabled, Disabled, and OnlyTrialsWithoutPaymentMethod for
/// products that offer trials without a payment method. Offer types: Enabled, Disabled.
/// Values are case-sensitive, as the service's are.
/// </summary>
public static class PolicyValues
{
    public const string Enabled = "Enabled";
    public const string Disabled = "Disabled";
    public const string OnlyTrialsWithoutPaymentMethod = "OnlyTrialsWithoutPaymentMethod";

    public static IReadOnlyList<string> ForProduct(ProductPolicyRow product) =>
        product.OffersTrialWithoutPaymentMethod ? [Enabled, Disabled, OnlyTrialsWithoutPaymentMethod] : [Enabled, Disabled];

    public static IReadOnlyList<string> ForOfferType { get; } = [Enabled, Disabled];

    public static string? Refusal(string value, IReadOnlyList<string> allowed, string target) =>
        allowed.Contains(value, StringComparer.Ordinal)
            ? null
            : value == OnlyTrialsWithoutPaymentMethod
                ? $"{target} does not offer trials without a payment method; it takes {string.Join(", ", allowed)}."
                : $"'{value}' is not a value of {target}; it takes {string.Join(", ", allowed)}.";
}
