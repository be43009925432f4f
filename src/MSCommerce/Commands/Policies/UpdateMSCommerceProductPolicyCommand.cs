using System;
using System.Management.Automation;
using MSCommerce.Client.Policies;
using MSCommerce.Completion;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsData.Update, "MSCommerceProductPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Update-MSCommerceProductPolicy.md")]
    [OutputType(typeof(ProductPolicy), ParameterSetName = new[] { ProductValueSet, ProductEnabledSet })]
    [OutputType(typeof(OfferTypePolicy), ParameterSetName = new[] { OfferTypeValueSet, OfferTypeEnabledSet })]
    public sealed class UpdateMSCommerceProductPolicyCommand : ConnectedCmdlet
    {
        private const string ProductValueSet = "ProductValue";
        private const string ProductEnabledSet = "ProductEnabled";
        private const string OfferTypeValueSet = "OfferTypeValue";
        private const string OfferTypeEnabledSet = "OfferTypeEnabled";
        private const string EnabledMessage = "Value of $Enabled must be one of the following: $True, $true, $False, $false";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PolicyIdCompleter))]
        public string PolicyId { get; set; } = PolicyValues.AllowSelfServicePurchase;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProductValueSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProductEnabledSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProductIdCompleter))]
        public string ProductId { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = OfferTypeValueSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = OfferTypeEnabledSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(OfferTypeCompleter))]
        public string OfferType { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ProductValueSet)]
        [Parameter(Mandatory = true, ParameterSetName = OfferTypeValueSet)]
        [ValidateSet(PolicyValues.Enabled, PolicyValues.Disabled, PolicyValues.OnlyTrialsWithoutPaymentMethod, IgnoreCase = true)]
        public string Value { get; set; } = null!;

        /// <summary>The original's form: a string, so that $true, $false, "True" and "False" all bind.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProductEnabledSet)]
        [Parameter(Mandatory = true, ParameterSetName = OfferTypeEnabledSet)]
        [ValidateNotNullOrEmpty]
        public string Enabled { get; set; } = null!;

        /// <summary>
        /// A policy piped from Get-MSCommerceProductPolicies or Get-MSCommerceProductPolicy: it already
        /// carries the product's current value, so the update need not read it again.
        /// </summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = ProductValueSet, DontShow = true)]
        [Parameter(ValueFromPipeline = true, ParameterSetName = ProductEnabledSet, DontShow = true)]
        public ProductPolicy? InputObject { get; set; }

        /// <summary>
        /// The tenant a piped item came from (Get-MSCommerceProductPolicies -TenantId tags each item with it): this
        /// command changes the connection's own tenant, so an item of another tenant is refused rather than applied there.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? TenantId { get; set; }

        private bool IsOfferType => ParameterSetName == OfferTypeValueSet || ParameterSetName == OfferTypeEnabledSet;

        protected override void ProcessRecord()
        {
            if (TenantId != null && RequireConnection().TenantId is string own && !string.Equals(own, TenantId, StringComparison.OrdinalIgnoreCase))
            {
                WriteError(ErrorRecords.InvalidArgument("ItemOfAnotherTenant",
                    $"{ProductId ?? OfferType} is an item of tenant {TenantId}, and Update-MSCommerceProductPolicy changes the connection's tenant ({own}) only. Nothing was sent.", TenantId,
                    "To change customers' policies, write the wanted values in a baseline and run Sync-MSCommercePolicyBaseline -TenantId; or connect to that tenant."));
                return;
            }

            // As in the original, a malformed -Enabled is this call's error, not the script's end: a loop goes on.
            if (Enabled != null && !bool.TryParse(Enabled.Trim().TrimStart('$'), out _))
            {
                WriteError(ErrorRecords.InvalidArgument("InvalidEnabledValue", EnabledMessage, Enabled, "Pass -Enabled $true or -Enabled $false, or use -Value."));
                return;
            }

            if (!AreWellFormed((ResourceNameKind.PolicyId, PolicyId), (ResourceNameKind.ProductId, ProductId), (ResourceNameKind.OfferType, OfferType)))
            {
                return;
            }

            var requested = RequestedValue();
            if (IsOfferType)
            {
                UpdateOfferType(requested);
            }
            else
            {
                UpdateProduct(requested);
            }
        }

        private string RequestedValue()
        {
            if (Enabled != null)
            {
                return bool.Parse(Enabled.Trim().TrimStart('$')) ? PolicyValues.Enabled : PolicyValues.Disabled;
            }

            return PolicyValues.Canonical(Value, PolicyValues.ProductValues)!;
        }

        private void UpdateProduct(string requested)
        {
            var current = PipedPolicy();
            if (current == null && !TryCall((connection, context, cancel) => connection.Client.GetProductPolicyAsync(PolicyId, ProductId, context, cancel), "ProductPolicyNotFound", ProductId, out current))
            {
                return;
            }

            var target = $"{current.ProductName} ({current.ProductId})";
            if (current.PolicyValue == requested)
            {
                WriteVerbose($"{target} is already {requested}: nothing to change.");
                WriteObject(Output.Of(current));
                return;
            }

            if (!ShouldProcess(target, $"{current.PolicyValue} → {requested}"))
            {
                WriteVerbose("Updating product policy aborted");
                return;
            }

            if (TryCall((connection, context, cancel) => connection.Client.UpdateProductPolicyAsync(PolicyId, current.ProductId, requested, context, cancel), "ProductPolicyNotFound", ProductId, out var updated))
            {
                WriteVerbose("Update policy product success");
                WriteObject(Output.Of(updated));
            }
        }

        private ProductPolicy? PipedPolicy() =>
            InputObject != null
            && string.Equals(InputObject.ProductId, ProductId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(InputObject.PolicyId, PolicyId, StringComparison.OrdinalIgnoreCase)
                ? InputObject
                : null;

        private void UpdateOfferType(string requested)
        {
            if (requested == PolicyValues.OnlyTrialsWithoutPaymentMethod)
            {
                WriteError(ErrorRecords.InvalidArgument("InvalidPolicyValue", $"Offer types take Enabled or Disabled, not {requested}.", OfferType, "Use -Value Enabled or -Value Disabled for an offer type."));
                return;
            }

            if (!TryCall((connection, context, cancel) => connection.Client.GetOfferTypePolicyAsync(PolicyId, OfferType, context, cancel), "OfferTypeNotFound", OfferType, out var current))
            {
                return;
            }

            var target = $"{current.ScopeValue} ({current.ScopeId})";
            if (current.PolicyValue == requested)
            {
                WriteVerbose($"{target} is already {requested}: nothing to change.");
                WriteObject(Output.Of(current));
                return;
            }

            if (!ShouldProcess(target, $"{current.PolicyValue} → {requested}"))
            {
                WriteVerbose("Updating offer type policy aborted");
                return;
            }

            if (TryCall((connection, context, cancel) => connection.Client.UpdateOfferTypePolicyAsync(PolicyId, current.ScopeId, requested, context, cancel), "OfferTypeNotFound", OfferType, out var updated))
            {
                WriteVerbose("Update policy offer type success");
                WriteObject(Output.Of(updated));
            }
        }
    }
}
