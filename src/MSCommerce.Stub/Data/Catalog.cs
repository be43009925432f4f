namespace MSCommerce.Stub.Data;

/// <summary>Microsoft's products that carry the AllowSelfServicePurchase policy (docs of October 2024), and the third-party offer types.</summary>
public static class Catalog
{
    public const string AllowSelfServicePurchase = "AllowSelfServicePurchase";
    public const string PolicyDescription = "Allows or blocks self-service purchase and trials of a product by users of the tenant.";
    public const string DefaultValue = "Enabled";

    public static IReadOnlyList<CatalogProduct> Products { get; } =
    [
        new("CFQ7TTC0N8SS", "Clipchamp Premium", false),
        new("CFQ7TTC0MM8R", "Microsoft 365 Copilot", false),
        new("CFQ7TTC0LH05", "Microsoft 365 F3", false),
        new("CFQ7TTC0N8SL", "Microsoft Purview Discovery", true),
        new("CFQ7TTC0LH2H", "Power Apps per user", false),
        new("CFQ7TTC0LH3L", "Power Automate per user", false),
        new("CFQ7TTC0LSGZ", "Power Automate RPA", false),
        new("CFQ7TTC0H6RP", "Power BI Premium (standalone)", false),
        new("CFQ7TTC0H9MP", "Power BI Pro", false),
        new("CFQ7TTC0HDB1", "Planner Plan 1", true),
        new("CFQ7TTC0HDB0", "Project Plan 3", false),
        new("CFQ7TTC0S3X1", "Python in Excel", false),
        new("CFQ7TTC0J1FV", "Teams Exploratory", true),
        new("CFQ7TTC0RM8K", "Teams Premium Introductory Pricing", true),
        new("CFQ7TTC0HD33", "Visio Plan 1", true),
        new("CFQ7TTC0HD32", "Visio Plan 2", false),
        new("CFQ7TTC0PW0V", "Viva Goals (self-service trials only)", true),
    ];

    public static IReadOnlyList<OfferType> OfferTypes { get; } =
    [
        new("SaaS", "Software as a Service"),
        new("POWERBIVISUALS", "Power BI visuals"),
        new("DYNAMICSCE", "Dynamics 365 Dataverse apps"),
        new("DYNAMICSBC", "Dynamics 365 Business Central"),
    ];
}

public sealed record CatalogProduct(string ProductId, string ProductName, bool OffersTrialWithoutPaymentMethod);

public sealed record OfferType(string Id, string Name);
