using System.Management.Automation;
using MSCommerce.Client.Policies;
using MSCommerce.Completion;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommon.Get, "MSCommerceProductPolicy", DefaultParameterSetName = ProductSet, HelpUri = HelpLinks.Base + "Get-MSCommerceProductPolicy.md")]
    [OutputType(typeof(ProductPolicy), ParameterSetName = new[] { ProductSet })]
    [OutputType(typeof(OfferTypePolicy), ParameterSetName = new[] { OfferTypeSet })]
    public sealed class GetMSCommerceProductPolicyCommand : ConnectedCmdlet
    {
        private const string ProductSet = "Product";
        private const string OfferTypeSet = "OfferType";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PolicyIdCompleter))]
        public string PolicyId { get; set; } = PolicyValues.AllowSelfServicePurchase;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProductSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProductIdCompleter))]
        public string ProductId { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = OfferTypeSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(OfferTypeCompleter))]
        public string OfferType { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (!AreWellFormed((ResourceNameKind.PolicyId, PolicyId), (ResourceNameKind.ProductId, ProductId), (ResourceNameKind.OfferType, OfferType)))
            {
                return;
            }

            if (ParameterSetName == OfferTypeSet)
            {
                if (TryCall((connection, context, cancel) => connection.Client.GetOfferTypePolicyAsync(PolicyId, OfferType, context, cancel), "OfferTypeNotFound", OfferType, out var offerType))
                {
                    WriteObject(Output.Of(offerType));
                }

                return;
            }

            if (TryCall((connection, context, cancel) => connection.Client.GetProductPolicyAsync(PolicyId, ProductId, context, cancel), "ProductPolicyNotFound", ProductId, out var product))
            {
                RequireConnection().Remember(new[] { product });
                WriteObject(Output.Of(product));
            }
        }
    }
}
