using MSCommerce.Stub.Data;
using MSCommerce.Stub.Domain;

namespace MSCommerce.Stub.Rules;

/// <summary>One GDAP relationship as Graph shows it to the partner: the customer, its status and the roles it grants.</summary>
public sealed record RelationshipView(PartnerRelationship Relationship, Tenant Customer, string Status, IReadOnlyList<string> UnifiedRoles);

/// <summary>
/// A partner's delegated-admin relationships and customers, as Graph's tenantRelationships resources show
/// them: one relationship per customer, active until its end date (two years, or when it was ended), then
/// expired; its roles are those delegated to the partner's users in that customer. Read by people with
/// Global Administrator or Global Reader in the partner tenant, and by the partner tenant's apps.
/// </summary>
public sealed class CustomerRelationships(PartnerRelationships relationships, TimeProvider clock)
{
    public const string ReadRolesText = "Global Administrator or Global Reader in the partner tenant";

    public static AccessDecision CanRead(Caller caller) =>
        caller.IsApplication || caller.DirectoryRoles.Any(role => role is DirectoryRoles.GlobalAdministrator or DirectoryRoles.GlobalReader)
            ? AccessDecision.Allow
            : new AccessDecision(false, $"The caller may not read the tenant's delegated-admin relationships. It needs {ReadRolesText}.");

    /// <summary>Up to <paramref name="count"/> of the partner's relationships after the customer <paramref name="afterCustomer"/>, in customer id order.</summary>
    public IReadOnlyList<RelationshipView> Page(string partnerTenantId, string? afterCustomer, int count)
    {
        var page = relationships.OfPartner(partnerTenantId, afterCustomer, count);
        var roles = relationships.DelegationsOf(partnerTenantId, page.Select(item => item.Customer.TenantId).ToList())
            .GroupBy(delegation => delegation.CustomerTenantId)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<string>)group.SelectMany(delegation => delegation.Roles).Distinct().Order(StringComparer.Ordinal).ToList());
        var now = clock.GetUtcNow().UtcDateTime;
        return page.Select(item => new RelationshipView(item.Relationship, item.Customer, item.Relationship.IsActive(now) ? "active" : "expired",
            roles.TryGetValue(item.Customer.TenantId, out var granted) ? granted : [])).ToList();
    }
}
