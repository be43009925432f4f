using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// The directory roles a person holds in a tenant: their own in their home tenant; in a customer
/// tenant, the roles its partner relationship delegates to them while the relationship lasts; in a
/// tenant that invited them, their guest account's; and no access anywhere else.
/// </summary>
public sealed class PartnerDelegation(DirectoryStore directory, PartnerRelationships relationships, TimeProvider clock)
{
    /// <summary>The roles, or null when the person has no access to the tenant at all.</summary>
    public IReadOnlyList<string>? RolesIn(Tenant tenant, DirectoryUser user)
    {
        if (tenant.TenantId == user.TenantId)
        {
            return user.Roles;
        }

        if (directory.DelegatedRoles(tenant.TenantId, user.ObjectId) is { } delegated
            && (relationships.Find(tenant.TenantId, user.TenantId)?.IsActive(clock.GetUtcNow().UtcDateTime) ?? true))
        {
            return delegated;
        }

        return directory.FindUser(tenant.TenantId, GuestPrincipalName(user.UserPrincipalName, tenant.Domain)) is { IsGuest: true, Deleted: false, AccountEnabled: true } guest
            ? guest.Roles
            : null;
    }

    /// <summary>The UPN Entra gives a person invited into another tenant: alice@fabrikam.com becomes alice_fabrikam.com#EXT#@contoso.onmicrosoft.com.</summary>
    public static string GuestPrincipalName(string homePrincipalName, string tenantDomain) =>
        $"{homePrincipalName.Replace('@', '_')}#EXT#@{tenantDomain}";
}
