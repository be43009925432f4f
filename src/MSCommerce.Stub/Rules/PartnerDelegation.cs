using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Rules;

/// <summary>
/// The directory roles a person holds in a tenant: their own in their home tenant; in a customer
/// tenant, only the roles its partner relationship delegates to them, and no access without one.
/// </summary>
public sealed class PartnerDelegation(DirectoryStore directory)
{
    /// <summary>The roles, or null when the person has no access to the tenant at all.</summary>
    public IReadOnlyList<string>? RolesIn(Tenant tenant, DirectoryUser user) =>
        tenant.TenantId == user.TenantId ? user.Roles : directory.DelegatedRoles(tenant.TenantId, user.ObjectId);
}
