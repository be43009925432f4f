using System.Management.Automation;
using MSCommerce.Client.Partners;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Lists the signed-in partner's customers (GDAP): the roles each relationship grants, and whether they allow
    /// reading and changing the self-service purchase policy. Pipe them to Test-, Sync- or Export-MSCommercePolicyBaseline,
    /// Get-MSCommerceProductPolicies or Get-MSCommerceSelfServicePurchases to work through them all.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MSCommercePartnerCustomer", HelpUri = HelpLinks.Base + "Get-MSCommercePartnerCustomer.md")]
    [OutputType(typeof(PartnerCustomer))]
    public sealed class GetMSCommercePartnerCustomerCommand : ConnectedCmdlet
    {
        public const string PartnerCustomerType = "MSCommerce.PartnerCustomer";

        /// <summary>Only customers whose tenant id or name matches (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryCall((connection, context, cancel) => connection.Client.GetPartnerCustomersAsync(context, cancel), "PartnerCustomersNotFound", "customers", out var customers))
            {
                return;
            }

            var pattern = Name == null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            foreach (var customer in customers)
            {
                if (pattern == null || pattern.IsMatch(customer.TenantName) || pattern.IsMatch(customer.TenantId))
                {
                    var output = PSObject.AsPSObject(customer);
                    output.TypeNames.Insert(0, PartnerCustomerType);
                    WriteObject(output);
                }
            }
        }
    }
}
