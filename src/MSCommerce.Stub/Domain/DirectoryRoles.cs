namespace MSCommerce.Stub.Domain;

/// <summary>Entra directory role template ids (the values of a token's wids claim) and the app roles of License Manager.</summary>
public static class DirectoryRoles
{
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    public const string BillingAdministrator = "b0f54661-2d74-4c50-afa3-1ec803f12efe";
    public const string GlobalReader = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";

    public const string PolicyRead = "Policy.Read.AllowSelfServicePurchase";
    public const string PolicyReadWrite = "Policy.ReadWrite.AllowSelfServicePurchase";

    public const string LicenseManagerAppId = "aeb86249-8ea3-49e2-900b-54cc8e308f85";
    public const string GraphAudience = "https://graph.microsoft.com";

    private static readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GlobalAdministrator"] = GlobalAdministrator,
        ["Global Administrator"] = GlobalAdministrator,
        ["BillingAdministrator"] = BillingAdministrator,
        ["Billing Administrator"] = BillingAdministrator,
        ["GlobalReader"] = GlobalReader,
        ["Global Reader"] = GlobalReader,
    };

    public static IReadOnlySet<string> AppRoles { get; } = new HashSet<string>(StringComparer.Ordinal) { PolicyRead, PolicyReadWrite };

    /// <summary>A role given by name ("BillingAdministrator") or by template id.</summary>
    public static string? TemplateId(string role) =>
        ByName.TryGetValue(role, out var id) ? id
        : ByName.ContainsValue(role.ToLowerInvariant()) ? role.ToLowerInvariant()
        : null;
}
