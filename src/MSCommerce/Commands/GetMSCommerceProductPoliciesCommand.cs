using System.Management.Automation;
using MSCommerce.Client.Policies;
using MSCommerce.Completion;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommon.Get, "MSCommerceProductPolicies", HelpUri = HelpLinks.Base + "Get-MSCommerceProductPolicies.md")]
    [OutputType(typeof(ProductPolicy), typeof(OfferTypePolicy))]
    public sealed class GetMSCommerceProductPoliciesCommand : ConnectedCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PolicyIdCompleter))]
        public string PolicyId { get; set; } = PolicyValues.AllowSelfServicePurchase;

        /// <summary>Product (the default) or OfferType, as the original's -Scope.</summary>
        [Parameter]
        [ValidateSet("Product", "OfferType", IgnoreCase = true)]
        public string Scope { get; set; } = "Product";

        protected override void ProcessRecord()
        {
            if (!AreWellFormed((ResourceNameKind.PolicyId, PolicyId)))
            {
                return;
            }

            if (Scope.Equals("OfferType", System.StringComparison.OrdinalIgnoreCase))
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
    }
}
