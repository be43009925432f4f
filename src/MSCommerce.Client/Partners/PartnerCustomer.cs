using System;
using System.Collections.Generic;

namespace MSCommerce.Client.Partners
{
    /// <summary>
    /// A customer of the signed-in partner, as its GDAP relationships describe it: the roles granted, and
    /// whether they are enough to read and to change the self-service purchase policy.
    /// </summary>
    public sealed class PartnerCustomer
    {
        /// <summary>A customer with its relationship's status, end and roles.</summary>
        public PartnerCustomer(string tenantId, string tenantName, string relationshipStatus, DateTimeOffset? relationshipEndDateTime, IReadOnlyList<string> roles)
        {
            TenantId = tenantId;
            TenantName = tenantName;
            RelationshipStatus = relationshipStatus;
            RelationshipEndDateTime = relationshipEndDateTime;
            Roles = roles;
        }

        /// <summary>The customer's tenant id.</summary>
        public string TenantId { get; }

        /// <summary>The customer's name.</summary>
        public string TenantName { get; }

        /// <summary>GDAP's status of the customer's relationship: active, expired, terminated, ...; none when there is no relationship.</summary>
        public string RelationshipStatus { get; }

        /// <summary>When the relationship ends (or ended).</summary>
        public DateTimeOffset? RelationshipEndDateTime { get; }

        /// <summary>The roles the relationship grants, by name (Billing Administrator, ...); a role the client does not know by its template id.</summary>
        public IReadOnlyList<string> Roles { get; }

        /// <summary>True when the relationship is active and grants a role that may read the policy (Global Reader, Billing Administrator, Global Administrator).</summary>
        public bool CanReadPolicy => IsActive && PolicyRoles.AnyMayRead(Roles);

        /// <summary>True when the relationship is active and grants a role that may change the policy (Billing Administrator, Global Administrator).</summary>
        public bool CanChangePolicy => IsActive && PolicyRoles.AnyMayChange(Roles);

        /// <summary>True when the relationship is active.</summary>
        public bool IsActive => string.Equals(RelationshipStatus, "active", StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public override string ToString() => $"{TenantName} ({TenantId})";
    }
}
