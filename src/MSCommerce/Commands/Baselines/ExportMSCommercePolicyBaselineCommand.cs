using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Policies;
using MSCommerce.Client.Fleet;
using MSCommerce.Completion;
using MSCommerce.Fleet;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Writes the tenant's current policy as a baseline file, to keep in git and enforce later. With -TenantId (or a
    /// partner's customers on the pipeline), -Path is a folder and each tenant's baseline is written there as &lt;TenantId&gt;.json.
    /// </summary>
    [Cmdlet(VerbsData.Export, "MSCommercePolicyBaseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Base + "Export-MSCommercePolicyBaseline.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportMSCommercePolicyBaselineCommand : FleetCmdlet
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
            base.ProcessRecord();
            if (!AreWellFormed((ResourceNameKind.PolicyId, PolicyId)) || AddToFleet(Path))
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

        protected override void EndProcessing() =>
            RunFleet((run, folder, tenants) =>
            {
                var resolvedFolder = FilePaths.Resolve(this, folder!, out var invalid);
                if (resolvedFolder == null)
                {
                    ThrowTerminatingError(invalid!);
                    return;
                }

                if (File.Exists(resolvedFolder))
                {
                    ThrowTerminatingError(ErrorRecords.InvalidArgument("BaselineFolderIsFile", $"With -TenantId, -Path names a folder for the tenants' baselines, and '{folder}' is a file.", folder,
                        "Give a folder (it is created if missing); each tenant's baseline is written there as <TenantId>.json."));
                    return;
                }

                run.Run(tenants, ThrottleLimit, changes: false,
                    (client, tenant, cancel) => ReadTenantAsync(client, FleetCommands.ContextFor(this, Messages, tenant), cancel),
                    (tenant, baseline) =>
                    {
                        if (!WriteTenant(folder!, resolvedFolder, tenant, baseline))
                        {
                            run.CountFailed(tenant);
                        }
                    });
            })?.WriteReadSummary("exported");

        private async System.Threading.Tasks.Task<PolicyBaseline> ReadTenantAsync(CommerceClient client, Client.Http.RequestContext context, System.Threading.CancellationToken cancel)
        {
            var policy = client.GetPolicyAsync(PolicyId, context, cancel);
            var products = client.GetProductPoliciesAsync(PolicyId, context, cancel);
            var offerTypes = client.GetOfferTypePoliciesAsync(PolicyId, context, cancel);
            await System.Threading.Tasks.Task.WhenAll(policy, products, offerTypes).ConfigureAwait(false);
            var defaultValue = DefaultValue ?? PolicyValues.Canonical((await policy.ConfigureAwait(false)).DefaultValue, PolicyValues.ProductValues) ?? PolicyValues.Enabled;
            return BaselineComparison.Describe(PolicyId, defaultValue, await products.ConfigureAwait(false), await offerTypes.ConfigureAwait(false));
        }

        /// <summary>One tenant's file, on the pipeline thread: checked, confirmed, written; false when it was not written for a reason that is an error.</summary>
        private bool WriteTenant(string folder, string resolvedFolder, TenantTarget tenant, PolicyBaseline baseline)
        {
            var name = FileName(tenant.TenantId);
            var destination = new BaselineDestination(System.IO.Path.Combine(folder, name), System.IO.Path.Combine(resolvedFolder, name));
            if (destination.Problem(Force) is ErrorRecord unwritable)
            {
                WriteError(ErrorRecords.ForItem(unwritable, tenant.ToString()));
                return false;
            }

            if (!ShouldProcess(destination.FullPath, $"Write the policy baseline of {tenant} ({baseline.Products.Count} products, {baseline.OfferTypes.Count} offer types, default {baseline.DefaultValue})"))
            {
                return true;
            }

            if (destination.Write(BaselineWriter.Write(baseline)) is ErrorRecord failed)
            {
                WriteError(ErrorRecords.ForItem(failed, tenant.ToString()));
                return false;
            }

            if (PassThru)
            {
                WriteObject(FleetOutput.WithTenant(PSObject.AsPSObject(new FileInfo(destination.RequestedPath)), tenant));
            }

            return true;
        }

        /// <summary>The tenant id or domain as a file name: characters no file system takes become '_'.</summary>
        private static string FileName(string tenantId)
        {
            var invalid = System.IO.Path.GetInvalidFileNameChars();
            return new string(tenantId.Select(c => System.Array.IndexOf(invalid, c) >= 0 || c == '\\' || c == '/' ? '_' : c).ToArray()) + ".json";
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
