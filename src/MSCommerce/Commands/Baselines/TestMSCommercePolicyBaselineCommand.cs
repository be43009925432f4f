using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Fleet;
using MSCommerce.Fleet;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Checks a tenant against a baseline file: $true when it matches, else $false; -Detailed writes each difference instead.
    /// With -TenantId (or a partner's customers on the pipeline), checks every tenant at once and writes one result per tenant.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "MSCommercePolicyBaseline", HelpUri = HelpLinks.Base + "Test-MSCommercePolicyBaseline.md")]
    [OutputType(typeof(bool), typeof(PolicyDrift), typeof(TenantBaselineResult))]
    public sealed class TestMSCommercePolicyBaselineCommand : BaselineCmdlet
    {
        private readonly List<TenantBaselineResult> _results = new List<TenantBaselineResult>();

        /// <summary>Writes one drift object per difference instead of $true or $false (with -TenantId: each carrying its tenant).</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            base.ProcessRecord();
            if (AddToFleet(Path))
            {
                return;
            }

            var report = new DriftReportOutput(Report);
            var baseline = ReadBaseline();
            var drift = CompareWithTenant(baseline);
            if (report.Wanted && report.Write(this, BaselinePath!, baseline, drift, TenantProducts, TenantOfferTypes) is { } written)
            {
                WriteVerbose($"Wrote the {Report!.Format} report of {TenantProducts.Count} products to {written}.");
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

        protected override void EndProcessing()
        {
            var run = RunFleet((run, path, tenants) =>
            {
                if (path != null)
                {
                    Path = path;
                }

                var baseline = ReadBaseline();
                run.Run(tenants, ThrottleLimit, changes: false,
                    (client, tenant, cancel) => FleetBaselines.CheckAsync(client, tenant, baseline, FleetCommands.ContextFor(this, Messages, tenant), cancel),
                    (tenant, result) =>
                    {
                        _results.Add(result);
                        if (Detailed)
                        {
                            foreach (var item in result.Drift)
                            {
                                WriteObject(FleetOutput.WithTenant(Output.Of(item), tenant));
                            }
                        }
                        else
                        {
                            WriteObject(FleetOutput.Of(result));
                        }
                    },
                    (tenant, error) =>
                    {
                        var failure = FleetOutput.Failure(tenant, error);
                        _results.Add(failure);
                        if (!Detailed)
                        {
                            WriteObject(FleetOutput.Of(failure));
                        }
                    });
            });
            if (run == null)
            {
                return;
            }

            var summary = run.WriteSummary("checked", _results);
            Report?.Write(this, "Test-MSCommercePolicyBaseline", Path, summary, _results);
        }
    }
}
