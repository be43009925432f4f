using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client;
using MSCommerce.Client.Fleet;
using MSCommerce.Client.Http;
using MSCommerce.Client.Policies;
using MSCommerce.Completion;
using MSCommerce.Fleet;

namespace MSCommerce.Commands
{
    /// <summary>
    /// The policy's value for every product (or offer type) of the tenant. With -TenantId (or a partner's customers
    /// on the pipeline), of every tenant at once, each item carrying its TenantId and TenantName.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MSCommerceProductPolicies", HelpUri = HelpLinks.Base + "Get-MSCommerceProductPolicies.md")]
    [OutputType(typeof(ProductPolicy), typeof(OfferTypePolicy))]
    public sealed class GetMSCommerceProductPoliciesCommand : FleetCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PolicyIdCompleter))]
        public string PolicyId { get; set; } = PolicyValues.AllowSelfServicePurchase;

        /// <summary>Product (the default) or OfferType, as the original's -Scope.</summary>
        [Parameter]
        [ValidateSet("Product", "OfferType", IgnoreCase = true)]
        public string Scope { get; set; } = "Product";

        private bool OfferTypes => Scope.Equals("OfferType", System.StringComparison.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            base.ProcessRecord();
            if (!AreWellFormed((ResourceNameKind.PolicyId, PolicyId)) || AddToFleet(PolicyId))
            {
                return;
            }

            if (OfferTypes)
            {
                if (TryCall((connection, context, cancel) => connection.Client.GetOfferTypePoliciesAsync(PolicyId, context, cancel), "PolicyNotFound", PolicyId, out var offerTypes))
                {
                    foreach (var offerType in offerTypes)
                    {
                        WriteObject(Output.Of(offerType));
                    }
                }

                return;
            }

            if (TryCall((connection, context, cancel) => connection.Client.GetProductPoliciesAsync(PolicyId, context, cancel), "PolicyNotFound", PolicyId, out var products))
            {
                RequireConnection().Remember(products);
                foreach (var product in products)
                {
                    WriteObject(Output.Of(product));
                }
            }
        }

        protected override void EndProcessing() =>
            RunFleet((run, policyId, tenants) => run.Run(tenants, ThrottleLimit, changes: false,
                    (client, tenant, cancel) => ReadAsync(client, policyId!, FleetCommands.ContextFor(this, Messages, tenant), cancel),
                    WriteAll))
                ?.WriteReadSummary("read");

        /// <summary>One tenant's product (or offer-type) policies.</summary>
        private async Task<IEnumerable<PSObject>> ReadAsync(CommerceClient client, string policyId, RequestContext context, CancellationToken cancel) =>
            OfferTypes
                ? (await client.GetOfferTypePoliciesAsync(policyId, context, cancel).ConfigureAwait(false)).Select(Output.Of)
                : (await client.GetProductPoliciesAsync(policyId, context, cancel).ConfigureAwait(false)).Select(Output.Of);

        private void WriteAll(TenantTarget tenant, IEnumerable<PSObject> items)
        {
            foreach (var item in items)
            {
                WriteObject(FleetOutput.WithTenant(item, tenant));
            }
        }
    }
}
