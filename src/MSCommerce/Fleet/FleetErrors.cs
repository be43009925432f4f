using System;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Fleet;
using MSCommerce.Client.Partners;
using MSCommerce.Commands;

namespace MSCommerce.Fleet
{
    /// <summary>
    /// One error per tenant that failed, saying why in a partner's terms: no relationship, the relationship
    /// expired, or the role it needs is missing (naming the role, and what the relationship grants instead).
    /// </summary>
    internal static class FleetErrors
    {
        public static ErrorRecord For(TenantTarget tenant, Exception error, PartnerCustomer? customer, bool changes)
        {
            var who = tenant.ToString();
            var needed = changes ? PolicyRoles.ChangeRolesText : PolicyRoles.ReadRolesText;
            var doing = changes ? "change" : "read";
            if (error is SignInException signIn && RefusedAccess(signIn))
            {
                if (customer != null && !customer.IsActive && customer.RelationshipStatus != "none")
                {
                    var ended = customer.RelationshipEndDateTime is DateTimeOffset end ? $" on {end.UtcDateTime:yyyy-MM-dd}" : "";
                    return Record(error, "TenantRelationshipExpired", ErrorCategory.PermissionDenied, tenant,
                        $"{who}: the partner's delegated-admin relationship with this customer is {customer.RelationshipStatus} (it ended{ended}), so the partner cannot sign in there to {doing} the policy. It needs an active relationship granting {needed}.",
                        $"Ask the customer to approve a new GDAP relationship that grants {PolicyRoles.BillingAdministrator} (Partner Center, Customers, Admin relationships), then run the command again for this tenant.");
                }

                var app = signIn.Kind == SignInErrorKind.AppNotInTenant;
                return Record(error, "TenantNoRelationship", ErrorCategory.PermissionDenied, tenant,
                    app
                        ? $"{who}: the app is not consented in this tenant, so it cannot sign in there to {doing} the policy ({signIn.Message}). It needs consent with the role Policy.{(changes ? "ReadWrite" : "Read")}.AllowSelfServicePurchase."
                        : $"{who}: the partner has no delegated-admin relationship (and no guest account) in this tenant, so it cannot sign in there to {doing} the policy. It needs a relationship granting {needed}.",
                    app
                        ? "Have an administrator of the customer consent to the app with the policy role, or sign in as a person with GDAP access."
                        : $"Ask the customer to approve a GDAP relationship that grants {PolicyRoles.BillingAdministrator}, or remove the tenant from the list.");
            }

            if (error is CommerceServiceException { Kind: CommerceErrorKind.PermissionDenied } denied)
            {
                var granted = customer == null ? "" : customer.Roles.Count == 0 ? " The relationship grants no role." : $" The relationship grants {string.Join(", ", customer.Roles)}.";
                return Record(error, "TenantRoleMissing", ErrorCategory.PermissionDenied, tenant,
                    $"{who}: the role to {doing} the policy is missing: it needs {needed}.{granted} {denied.Message}",
                    $"Add {PolicyRoles.BillingAdministrator} to the customer's GDAP relationship (and to the partner's security group assigned to it), then run the command again for this tenant.");
            }

            var record = ErrorRecords.From(error, "PolicyNotFound", tenant.TenantId);
            return ErrorRecords.ForItem(record, who);
        }

        /// <summary>The customer's tenant knows neither the partner's account nor the app: no relationship, guest account or consent.</summary>
        private static bool RefusedAccess(SignInException error) =>
            error.Kind == SignInErrorKind.AccountNotInTenant || error.Kind == SignInErrorKind.AppNotInTenant;

        private static ErrorRecord Record(Exception error, string id, ErrorCategory category, TenantTarget tenant, string message, string action) =>
            ErrorRecords.Create(error, id, category, tenant.TenantId, action, message);
    }
}
