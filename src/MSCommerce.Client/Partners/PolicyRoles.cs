using System;
using System.Collections.Generic;
using System.Linq;

namespace MSCommerce.Client.Partners
{
    /// <summary>The Entra roles that matter to the self-service purchase policy, by name and role template id.</summary>
    public static class PolicyRoles
    {
        /// <summary>Billing Administrator: may read and change the policy.</summary>
        public const string BillingAdministrator = "Billing Administrator";
        /// <summary>Global Administrator: may read and change the policy.</summary>
        public const string GlobalAdministrator = "Global Administrator";
        /// <summary>Global Reader: may read the policy.</summary>
        public const string GlobalReader = "Global Reader";

        /// <summary>The roles that may read the policy, as a sentence.</summary>
        public const string ReadRolesText = "Global Reader, Billing Administrator or Global Administrator";
        /// <summary>The roles that may change the policy, as a sentence.</summary>
        public const string ChangeRolesText = "Billing Administrator or Global Administrator";

        private static readonly Dictionary<string, string> NamesById = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["b0f54661-2d74-4c50-afa3-1ec803f12efe"] = BillingAdministrator,
            ["62e90394-69f5-4237-9190-012177145e10"] = GlobalAdministrator,
            ["f2ef992c-3afb-46b9-b7cf-a126ee74c451"] = GlobalReader,
        };

        /// <summary>The role's name for its template id; the id itself for a role that does not matter here.</summary>
        public static string NameOf(string roleTemplateId) => NamesById.TryGetValue(roleTemplateId, out var name) ? name : roleTemplateId;

        /// <summary>True when one of the roles (by name) may read the policy.</summary>
        public static bool AnyMayRead(IEnumerable<string> roles) => roles.Any(role => role == GlobalReader || role == BillingAdministrator || role == GlobalAdministrator);

        /// <summary>True when one of the roles (by name) may change the policy.</summary>
        public static bool AnyMayChange(IEnumerable<string> roles) => roles.Any(role => role == BillingAdministrator || role == GlobalAdministrator);
    }
}
