using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Files;

namespace MSCommerce.Commands
{
    /// <summary>What the cmdlets that check a tenant (or many) against a baseline file share: reading the file, reading the tenant, comparing.</summary>
    public abstract class BaselineCmdlet : FleetCmdlet
    {
        /// <summary>The baseline file (JSON, schema MSCommerce.PolicyBaseline.schema.json).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Writes a drift report to this file for the CI system to show (replacing an older one); its help says what each cmdlet writes.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ReportPath { get; set; }

        /// <summary>JUnit, Markdown or Json; by default from -ReportPath's extension (.xml, .md, .json).</summary>
        [Parameter]
        [ValidateSet(nameof(DriftReportFormat.JUnit), nameof(DriftReportFormat.Markdown), nameof(DriftReportFormat.Json), IgnoreCase = true)]
        public string? ReportFormat { get; set; }

        /// <summary>The report file of -ReportPath, or null without it.</summary>
        private protected ReportFile? Report { get; private set; }

        /// <summary>The report file is checked before any request, whether the command works in one tenant or many.</summary>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Report = ReportFile.Prepare(this, ReportPath, ReportFormat);
        }

        /// <summary>Reads and validates the file; a file that cannot be used stops the command before any request.</summary>
        protected PolicyBaseline ReadBaseline()
        {
            var path = ResolveExistingFile(Path);
            BaselinePath = path;
            try
            {
                return BaselineReader.ReadFile(path);
            }
            catch (BaselineFormatException error)
            {
                StopWith(error);
                return null!;
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorRecords.Create(new IOException($"The baseline file '{Path}' could not be read: {error.Message}", error), "BaselineFileUnreadable",
                    ErrorCategory.ReadError, Path, "Check that the file is readable by you and not locked by another program."));
                return null!;
            }
        }

        /// <summary>The tenant's product policies as <see cref="CompareWithTenant"/> read them.</summary>
        protected IReadOnlyList<MSCommerce.Client.Policies.ProductPolicy> TenantProducts { get; private set; } = Array.Empty<MSCommerce.Client.Policies.ProductPolicy>();

        /// <summary>The tenant's offer-type policies as <see cref="CompareWithTenant"/> read them.</summary>
        protected IReadOnlyList<MSCommerce.Client.Policies.OfferTypePolicy> TenantOfferTypes { get; private set; } = Array.Empty<MSCommerce.Client.Policies.OfferTypePolicy>();

        /// <summary>The path of the baseline file read, resolved.</summary>
        protected string? BaselinePath { get; private set; }

        /// <summary>The differences between the baseline and the tenant; failing to read the tenant stops the command.</summary>
        protected IReadOnlyList<PolicyDrift> CompareWithTenant(PolicyBaseline baseline)
        {
            var connection = RequireConnection();
            try
            {
                var products = Await(cancel => connection.Client.GetProductPoliciesAsync(baseline.PolicyId, CallContext(), cancel));
                var offerTypes = Await(cancel => connection.Client.GetOfferTypePoliciesAsync(baseline.PolicyId, CallContext(), cancel));
                connection.Remember(products);
                (TenantProducts, TenantOfferTypes) = (products, offerTypes);
                return BaselineComparison.Compare(baseline, products, offerTypes);
            }
            catch (Exception error) when (error is CommerceServiceException || error is SignInException)
            {
                ThrowTerminatingError(ErrorRecords.From(error, "PolicyNotFound", baseline.PolicyId));
                return null!;
            }
        }

        private string ResolveExistingFile(string path)
        {
            var resolved = FilePaths.Resolve(this, path, out var invalid);
            if (resolved == null)
            {
                ThrowTerminatingError(invalid!);
                return null!;
            }

            // Known before the file is opened: a named pipe would wait for a writer, and /dev/zero never ends.
            var kind = FileKinds.Of(resolved);
            if (kind == FileKind.Missing)
            {
                ThrowTerminatingError(ErrorRecords.Create(new FileNotFoundException($"The baseline file '{resolved}' does not exist.", resolved), "BaselineFileNotFound",
                    ErrorCategory.ObjectNotFound, path, "Check the path, or write a baseline first with Export-MSCommercePolicyBaseline."));
            }
            else if (kind != FileKind.RegularFile)
            {
                ThrowTerminatingError(ErrorRecords.Create(new IOException($"'{resolved}' is {kind.Describe()}, not a file: a baseline is read only from a regular file."), "BaselinePathNotAFile",
                    ErrorCategory.InvalidArgument, path, "Give the path of a baseline file (Export-MSCommercePolicyBaseline writes one)."));
            }

            return resolved;
        }

        private void StopWith(BaselineFormatException error) =>
            ThrowTerminatingError(ErrorRecords.Create(error, "InvalidBaseline", ErrorCategory.InvalidData, Path,
                "Correct the file at the lines named; the schema MSCommerce.PolicyBaseline.schema.json in the module's folder describes every property."));
    }
}
