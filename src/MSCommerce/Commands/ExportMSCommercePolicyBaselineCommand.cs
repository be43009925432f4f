using System;
using System.IO;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Policies;
using MSCommerce.Completion;

namespace MSCommerce.Commands
{
    /// <summary>Writes the tenant's current policy as a baseline file, to keep in git and enforce later.</summary>
    [Cmdlet(VerbsData.Export, "MSCommercePolicyBaseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Export-MSCommercePolicyBaseline.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportMSCommercePolicyBaselineCommand : ConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PolicyIdCompleter))]
        public string PolicyId { get; set; } = PolicyValues.AllowSelfServicePurchase;

        /// <summary>The value for products the file does not list (added later); the policy's own default when omitted.</summary>
        [Parameter]
        [ValidateSet(PolicyValues.Enabled, PolicyValues.Disabled, PolicyValues.OnlyTrialsWithoutPaymentMethod, IgnoreCase = true)]
        public string? DefaultValue { get; set; }

        /// <summary>Overwrites an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!AreWellFormed((ResourceNameKind.PolicyId, PolicyId)))
            {
                return;
            }

            var resolved = FilePaths.Resolve(this, Path, out var invalid);
            if (resolved == null)
            {
                WriteError(invalid!);
                return;
            }

            var destination = new BaselineDestination(Path, resolved);
            if (destination.Problem(Force) is ErrorRecord unwritable)
            {
                WriteError(unwritable);
                return;
            }

            var baseline = ReadTenant();
            if (baseline == null)
            {
                return;
            }

            if (!ShouldProcess(destination.FullPath, $"Write the policy baseline ({baseline.Products.Count} products, {baseline.OfferTypes.Count} offer types, default {baseline.DefaultValue})"))
            {
                return;
            }

            if (destination.Write(BaselineWriter.Write(baseline)) is ErrorRecord failed)
            {
                WriteError(failed);
                return;
            }

            WriteVerbose($"Wrote the baseline of {baseline.Products.Count} products and {baseline.OfferTypes.Count} offer types to {destination.FullPath}.");
            if (PassThru)
            {
                WriteObject(new FileInfo(destination.RequestedPath));
            }
        }

        private PolicyBaseline? ReadTenant()
        {
            var connection = RequireConnection();
            try
            {
                var policy = Await(cancel => connection.Client.GetPolicyAsync(PolicyId, CallContext(), cancel));
                var products = Await(cancel => connection.Client.GetProductPoliciesAsync(PolicyId, CallContext(), cancel));
                var offerTypes = Await(cancel => connection.Client.GetOfferTypePoliciesAsync(PolicyId, CallContext(), cancel));
                var defaultValue = PolicyValues.Canonical(DefaultValue ?? policy.DefaultValue, PolicyValues.ProductValues) ?? PolicyValues.Enabled;
                return BaselineComparison.Describe(PolicyId, defaultValue, products, offerTypes);
            }
            catch (Exception error) when (error is CommerceServiceException || error is SignInException)
            {
                WriteError(ErrorRecords.From(error, "PolicyNotFound", PolicyId));
                return null;
            }
        }
    }
}
