using System;
using System.Collections.Generic;
using System.Linq;
using MSCommerce.Client.Baselines;

namespace MSCommerce.Client.Fleet
{
    /// <summary>
    /// A fleet's per-tenant report, for people and CI: the summary and every tenant with its status, its differences,
    /// the changes made and why it failed. <see cref="DriftReportWriter"/> writes it as JSON, JUnit XML (one test suite
    /// per tenant) or Markdown, each difference as in the report of one tenant.
    /// </summary>
    public sealed class FleetReport
    {
        /// <summary>The report of <paramref name="command"/>'s results over the tenants, checked against <paramref name="baselineFile"/> (null when none).</summary>
        public FleetReport(string command, string? baselineFile, FleetSummary summary, IReadOnlyList<TenantBaselineResult> tenants, DateTimeOffset generatedAt)
        {
            Command = command ?? throw new ArgumentNullException(nameof(command));
            BaselineFile = baselineFile;
            Summary = summary ?? throw new ArgumentNullException(nameof(summary));
            Tenants = tenants ?? throw new ArgumentNullException(nameof(tenants));
            GeneratedAt = generatedAt;
        }

        /// <summary>The command that ran over the tenants, e.g. Test-MSCommercePolicyBaseline.</summary>
        public string Command { get; }

        /// <summary>The baseline file the tenants were checked against; null when none.</summary>
        public string? BaselineFile { get; }

        /// <summary>How many tenants ended each way.</summary>
        public FleetSummary Summary { get; }

        /// <summary>Every tenant's result, in the order they ended.</summary>
        public IReadOnlyList<TenantBaselineResult> Tenants { get; }

        /// <summary>When the report was made.</summary>
        public DateTimeOffset GeneratedAt { get; }

        /// <summary>Differences left as they were: all of a check's, and those of a sync that were not changed.</summary>
        internal static IEnumerable<PolicyDrift> Unmatched(TenantBaselineResult result)
        {
            var changed = new HashSet<string>(result.Changes.Where(change => change.Outcome == PolicyChangeOutcome.Changed).Select(change => change.Scope + "/" + change.Id), StringComparer.OrdinalIgnoreCase);
            return result.Drift.Where(drift => !changed.Contains(drift.Scope + "/" + drift.Id));
        }
    }
}
