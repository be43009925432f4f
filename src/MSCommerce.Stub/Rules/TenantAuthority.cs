using MSCommerce.Stub.Data;
using MSCommerce.Stub.Identity;

namespace MSCommerce.Stub.Rules;

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

    public static OAuthRefusal UnknownTenant(string tenant) => new("invalid_request", "AADSTS90002", $"Tenant '{tenant}' not found.");
}
