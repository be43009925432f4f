using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Rules;

/// <summary>What a user asks to buy: the product with its policy value in the tenant, a trial or a purchase, and how it is paid.</summary>
public sealed record PurchaseRequest(ProductPolicyRow Product, bool IsTrial, string? PaymentMethod);

/// <summary>
/// Who may buy what by self-service (reference: Microsoft's self-service purchase FAQ). The rules are
/// checked top to bottom; the first that refuses gives the reason the user sees, followed by
/// "Contact your IT admin." as the admin center says it.
/// </summary>
public static class PurchaseEligibility
{
    public const string CreditCard = "CreditCard";
    public const string ContactYourItAdmin = "Contact your IT admin.";

    private static readonly string[] TenantTypesWithoutSelfService = ["Education", "Government"];

    private static readonly Dictionary<string, string> CountriesWithoutSelfService = new(StringComparer.OrdinalIgnoreCase) { ["IN"] = "India" };

    private static readonly Dictionary<string, string> CountriesWithoutProjectAndVisio = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BR"] = "Brazil",
        ["CD"] = "the Democratic Republic of the Congo",
    };

    /// <summary>Null when the user may buy; otherwise why not, ending with "Contact your IT admin."</summary>
    public static string? Refusal(Tenant tenant, DirectoryUser? buyer, PurchaseRequest request)
    {
        var why = Why(tenant, buyer, request);
        return why is null ? null : $"{why} {ContactYourItAdmin}";
    }

    private static string? Why(Tenant tenant, DirectoryUser? buyer, PurchaseRequest request)
    {
        var product = request.Product;

        // Who: a member of the tenant with an active account. A partner acting through a delegated-admin relationship is not one.
        if (buyer is null || !string.Equals(buyer.TenantId, tenant.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return $"Only users of {tenant.DisplayName} can buy in it.";
        }

        if (buyer.IsGuest)
        {
            return "Guest users cannot buy in a tenant where they are guests.";
        }

        if (buyer.Deleted || !buyer.AccountEnabled)
        {
            return "Only users with an active account can buy.";
        }

        // Where: not for education or government tenants, not in some countries.
        if (TenantTypesWithoutSelfService.Contains(tenant.TenantType, StringComparer.OrdinalIgnoreCase))
        {
            return $"Self-service purchase is not available to {tenant.TenantType.ToLowerInvariant()} tenants.";
        }

        if (CountriesWithoutSelfService.TryGetValue(tenant.Country, out var country))
        {
            return $"Self-service purchase is not available in {country}.";
        }

        if (IsProjectOrVisio(product) && CountriesWithoutProjectAndVisio.TryGetValue(tenant.Country, out country))
        {
            return $"{product.ProductName} is not available for self-service purchase in {country}.";
        }

        // What the tenant allows: the product's AllowSelfServicePurchase value, as it is now.
        switch (product.PolicyValue)
        {
            case PolicyValues.Disabled:
                return $"{tenant.DisplayName} does not allow self-service purchases or trials of {product.ProductName}.";
            case PolicyValues.OnlyTrialsWithoutPaymentMethod when !request.IsTrial:
                return $"{tenant.DisplayName} allows only trials of {product.ProductName} without a payment method, not purchases.";
            case PolicyValues.OnlyTrialsWithoutPaymentMethod when !product.OffersTrialWithoutPaymentMethod:
                return $"{tenant.DisplayName} allows only trials without a payment method, and {product.ProductName} offers none.";
        }

        // How it is paid: by credit card; only a trial that needs no payment method goes without.
        if (request.PaymentMethod is { } method && !method.Equals(CreditCard, StringComparison.OrdinalIgnoreCase))
        {
            return $"Self-service purchases are paid by credit card only, not '{method}'.";
        }

        if (request.PaymentMethod is null && !(request.IsTrial && product.OffersTrialWithoutPaymentMethod))
        {
            return request.IsTrial
                ? $"A trial of {product.ProductName} needs a payment method: a credit card."
                : $"Buying {product.ProductName} needs a payment method: a credit card.";
        }

        return null;
    }

    // The catalog names them "Project Plan 3", "Visio Plan 1", ...; older product ids carry the same names.
    private static bool IsProjectOrVisio(ProductPolicyRow product) =>
        product.ProductName.StartsWith("Project", StringComparison.OrdinalIgnoreCase) || product.ProductName.StartsWith("Visio", StringComparison.OrdinalIgnoreCase);
}
