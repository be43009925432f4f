using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MSCommerce.Client.Fleet;
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
    public sealed class GetMSCommerceProductPoliciesCommand : ConnectedCmdlet
    {
        private readonly FleetTargets _fleet = new FleetTargets();
        private bool _sawInput;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PolicyIdCompleter))]
        public string PolicyId { get; set; } = PolicyValues.AllowSelfServicePurchase;

        /// <summary>Product (the default) or OfferType, as the original's -Scope.</summary>
        [Parameter]
        [ValidateSet("Product", "OfferType", IgnoreCase = true)]
        public string Scope { get; set; } = "Product";

        /// <summary>The tenants to read (ids or domains) with the one sign-in; a partner's customers bind from the pipeline.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? TenantId { get; set; }

        /// <summary>The tenant's name on its items; bound from a partner customer on the pipeline.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? TenantName { get; set; }

        /// <summary>With -TenantId: how many tenants are read at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = FleetRun.DefaultThrottleLimit;

        private bool OfferTypes => Scope.Equals("OfferType", System.StringComparison.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            _sawInput = true;
            if (!AreWellFormed((ResourceNameKind.PolicyId, PolicyId)))
            {
                return;
            }

            if (TenantId != null)
            {
                _fleet.Add(TenantId, TenantName, PolicyId);
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

        protected override void EndProcessing()
        {
            if (_fleet.IsEmpty && !(MyInvocation.ExpectingInput && !_sawInput))
            {
                return;
            }

            var run = FleetCommands.Start(this, Messages, work => Await(work), Token, RequireConnection, CallContext());
            if (_fleet.IsEmpty)
            {
                FleetCommands.WarnNoTenants(this);
            }

            var tenants = 0;
            var failed = new List<string>();
            foreach (var (policyId, given) in _fleet.ByPath())
            {
                var resolved = run.Resolve(given);
                tenants += resolved.Count;
                if (OfferTypes)
                {
                    run.Run(resolved, ThrottleLimit, changes: false,
                        (client, tenant, cancel) => client.GetOfferTypePoliciesAsync(policyId!, FleetCommands.ContextFor(this, Messages, tenant), cancel),
                        (tenant, items) => WriteAll(items.Select(Output.Of), tenant),
                        (tenant, error) => failed.Add(tenant.TenantName));
                }
                else
                {
                    run.Run(resolved, ThrottleLimit, changes: false,
                        (client, tenant, cancel) => client.GetProductPoliciesAsync(policyId!, FleetCommands.ContextFor(this, Messages, tenant), cancel),
                        (tenant, items) => WriteAll(items.Select(Output.Of), tenant),
                        (tenant, error) => failed.Add(tenant.TenantName));
                }
            }

            run.WriteReadSummary("read", tenants, failed);
        }

        private void WriteAll(IEnumerable<PSObject> items, TenantTarget tenant)
        {
            foreach (var item in items)
            {
                WriteObject(FleetOutput.WithTenant(item, tenant));
            }
        }
    }
}
