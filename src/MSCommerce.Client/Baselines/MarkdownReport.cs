using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MSCommerce.Client.Fleet;

namespace MSCommerce.Client.Baselines
{
    /// <summary>
    /// The Markdown drift report (GitHub's $GITHUB_STEP_SUMMARY, Azure DevOps' task.uploadsummary): a heading that says how
    /// it went, a line of counts, and a table with a row per difference; of many tenants, also a row per tenant.
    /// </summary>
    internal static class MarkdownReport
    {
        private const string DriftColumns = "Reason | Scope | Name | Id | Expected | Actual";
        private const string DriftRule = "---|---|---|---|---|---";

        public static void Write(Stream stream, Action<TextWriter> write)
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        }

        public static void Write(DriftReport report, TextWriter writer)
        {
            var drifted = report.Drifted.ToList();
            writer.WriteLine($"## Self-service purchase policy: {(drifted.Count == 0 ? "matches the baseline" : $"{drifted.Count} drifted")}");
            writer.WriteLine();
            writer.WriteLine($"{report.Checks.Count} checked against `{Cell(report.BaselineFile)}` ({report.PolicyId}) at {At(report.CheckedAt)} UTC: {report.Checks.Count - drifted.Count} match, {drifted.Count} drifted.");
            if (drifted.Count == 0)
            {
                return;
            }

            writer.WriteLine();
            writer.WriteLine($"| {DriftColumns} | Line |");
            writer.WriteLine($"|{DriftRule}|---|");
            foreach (var check in drifted)
            {
                writer.WriteLine($"| {DriftCells(check)} | {Math.Max(1, check.Line)} |");
            }
        }

        public static void Write(FleetReport report, TextWriter writer)
        {
            var summary = report.Summary;
            var counts = new List<string> { $"{summary.Tenants} tenant(s)", $"{summary.Compliant} compliant" };
            if (summary.Changed > 0) counts.Add($"{summary.Changed} changed");
            counts.Add($"{summary.Drifted} drifted");
            counts.Add($"{summary.Failed} failed");
            writer.WriteLine($"## Self-service purchase policy: {string.Join(", ", counts)}");
            writer.WriteLine();
            var against = report.BaselineFile == null ? "" : $" against `{Cell(report.BaselineFile)}`";
            writer.WriteLine($"{Cell(report.Command)}{against} at {At(report.GeneratedAt)} UTC, in {summary.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
            if (report.Tenants.Count == 0)
            {
                return;
            }

            writer.WriteLine();
            writer.WriteLine("| Tenant | Tenant id | Status | Differences | Changes | Error |");
            writer.WriteLine("|---|---|---|---|---|---|");
            foreach (var result in report.Tenants)
            {
                var error = result.Error == null ? "" : $"{result.ErrorId}: {result.Error}";
                var changed = result.Changes.Count(change => change.Outcome == PolicyChangeOutcome.Changed);
                writer.WriteLine($"| {Cell(result.TenantName)} | {Cell(result.TenantId)} | {result.Status} | {FleetReport.Unmatched(result).Count()} | {changed} | {Cell(error)} |");
            }

            var differences = report.Tenants.Where(result => result.Status != TenantBaselineStatus.Failed)
                .SelectMany(result => FleetReport.Unmatched(result).Select(drift => (result.TenantName, Check: PolicyCheck.Of(drift))))
                .ToList();
            if (differences.Count == 0)
            {
                return;
            }

            writer.WriteLine();
            writer.WriteLine($"| Tenant | {DriftColumns} |");
            writer.WriteLine($"|---|{DriftRule}|");
            foreach (var (tenant, check) in differences)
            {
                writer.WriteLine($"| {Cell(tenant)} | {DriftCells(check)} |");
            }
        }

        /// <summary>A difference's cells, the same in the report of one tenant and of many.</summary>
        private static string DriftCells(PolicyCheck check) =>
            $"{check.Drift} | {check.Scope} | {Cell(check.Name)} | {Cell(check.Id)} | {check.Expected} | {check.Actual ?? "absent"}";

        private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        /// <summary>A Markdown table cell: pipes escaped, line breaks and backticks out.</summary>
        private static string Cell(string text) => text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("`", "'").Replace("\r", " ").Replace("\n", " ");
    }
}
