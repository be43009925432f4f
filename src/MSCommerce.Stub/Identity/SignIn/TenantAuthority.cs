using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>Which tenant an authority path names: a tenant by id or domain, or a multi-tenant alias that resolves to the user's home.</summary>
public sealed class TenantAuthority(DirectoryStore directory)
{
    public static bool IsMultiTenant(string tenant) =>
        tenant.Equals("organizations", StringComparison.OrdinalIgnoreCase) || tenant.Equals("common", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether two authority paths name the same tenant (by id or by domain, any case).</summary>
    public bool Same(string first, string second) =>
        string.Equals(first, second, StringComparison.OrdinalIgnoreCase)
        || (directory.FindTenant(first) is { } one && directory.FindTenant(second) is { } other && one.TenantId == other.TenantId);

    /// <summary>Whether an authority path names the tenant with this id.</summary>
    public bool Names(string tenant, string tenantId) => directory.FindTenant(tenant)?.TenantId == tenantId;

    /// <summary>
    /// The refusal of an authority path that names no tenant at the endpoints that take no credentials
    /// (OpenID discovery, keys, device-code start): 400 invalid_tenant, AADSTS90002, as Entra answers.
    /// Null for a known tenant or a multi-tenant alias.
    /// </summary>
    public OAuthRefusal? RefuseUnknown(string tenant) =>
        IsMultiTenant(tenant) || directory.FindTenant(tenant) is not null
            ? null
            : new("invalid_tenant", "AADSTS90002", $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");

    public static OAuthRefusal UnknownTenant(string tenant) => new("invalid_request", "AADSTS90002", $"Tenant '{tenant}' not found.");
}
