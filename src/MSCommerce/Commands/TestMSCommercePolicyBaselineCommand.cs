using System.Linq;
using System.Management.Automation;
using MSCommerce.Client.Baselines;

namespace MSCommerce.Commands
{
    /// <summary>Checks a tenant against a baseline file: $true when it matches, else $false; -Detailed writes each difference instead.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "MSCommercePolicyBaseline", HelpUri = HelpLinks.Base + "Test-MSCommercePolicyBaseline.md")]
    [OutputType(typeof(bool), typeof(PolicyDrift))]
    public sealed class TestMSCommercePolicyBaselineCommand : BaselineCmdlet
    {
        /// <summary>Writes one drift object per difference instead of $true or $false.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        /// <summary>Writes a report of every product checked to this file, for the CI system to show.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ReportPath { get; set; }

        /// <summary>JUnit, Markdown or Json; by default from -ReportPath's extension (.xml, .md, .json).</summary>
        [Parameter]
        [ValidateSet("JUnit", "Markdown", "Json")]
        public string? ReportFormat { get; set; }

        protected override void ProcessRecord()
        {
            var report = DriftReportOutput.Prepare(this, ReportPath, ReportFormat, out var reportError);
            if (report == null)
            {
                ThrowTerminatingError(reportError!);
                return;
            }

            var baseline = ReadBaseline();
            var drift = CompareWithTenant(baseline);
            if (report.Wanted && report.Write(this, BaselinePath!, baseline, drift, TenantProducts, TenantOfferTypes) is { } written)
            {
                WriteVerbose($"Wrote the {ReportFormat ?? "drift"} report of {TenantProducts.Count} products to {written}.");
            }

            WriteVerbose(drift.Count == 0
                ? $"The tenant matches the baseline {Path}."
                : $"The tenant differs from the baseline {Path} in {drift.Count} place(s): {drift.Count(item => item.Reason == DriftReason.Drifted)} drifted, "
                    + $"{drift.Count(item => item.Reason == DriftReason.NewProduct)} not listed and off the default, {drift.Count(item => item.Reason == DriftReason.NotInTenant)} not in the tenant.");
            if (!Detailed)
            {
                WriteObject(drift.Count == 0);
                return;
            }

            foreach (var item in drift)
            {
                WriteObject(Output.Of(item));
            }
        }
    }
}
