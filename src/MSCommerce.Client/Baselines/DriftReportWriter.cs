using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MSCommerce.Client.Fleet;

namespace MSCommerce.Client.Baselines
{
    /// <summary>The formats a drift report is written in for CI systems.</summary>
    public enum DriftReportFormat
    {
        /// <summary>JUnit XML: one test case per product and listed offer type, failed when drifted (test tabs of GitHub, Azure DevOps, GitLab, Jenkins).</summary>
        JUnit,

        /// <summary>A Markdown summary (GitHub's $GITHUB_STEP_SUMMARY, Azure DevOps' task.uploadsummary).</summary>
        Markdown,

        /// <summary>JSON, for other tools.</summary>
        Json,
    }

    /// <summary>
    /// Writes a drift report as JUnit XML, Markdown or JSON: of one tenant (<see cref="DriftReport"/>, every check) or of many
    /// (<see cref="FleetReport"/>, every tenant with its status and differences), each difference written the same way in both;
    /// and one tenant's drift as GitHub Actions annotations.
    /// </summary>
    public static class DriftReportWriter
    {
        /// <summary>Writes the report of one tenant in the format to the stream (UTF-8, no byte order mark).</summary>
        public static void Write(DriftReport report, DriftReportFormat format, Stream stream)
        {
            if (report == null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            Write(format, stream, () => JUnitReport.Write(report, stream), writer => MarkdownReport.Write(report, writer), () => JsonReport.Write(report, stream));
        }

        /// <summary>Writes the report of many tenants in the format to the stream (UTF-8, no byte order mark).</summary>
        public static void Write(FleetReport report, DriftReportFormat format, Stream stream)
        {
            if (report == null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            Write(format, stream, () => JUnitReport.Write(report, stream), writer => MarkdownReport.Write(report, writer), () => JsonReport.Write(report, stream));
        }

        private static void Write(DriftReportFormat format, Stream stream, Action junit, Action<TextWriter> markdown, Action json)
        {
            switch (format)
            {
                case DriftReportFormat.JUnit:
                    junit();
                    break;
                case DriftReportFormat.Markdown:
                    MarkdownReport.Write(stream, markdown);
                    break;
                default:
                    json();
                    break;
            }
        }

        /// <summary>
        /// One GitHub Actions workflow command per drift (<c>::error file=...,line=...,title=...::message</c>), which
        /// GitHub shows as an annotation on the baseline file's line.
        /// </summary>
        public static IEnumerable<string> GitHubAnnotations(DriftReport report) =>
            report.Drifted.Select(check =>
                $"::error file={Property(report.BaselineFile)},line={Math.Max(1, check.Line)},title={Property($"Policy drift: {check.Name} ({check.Id})")}::{Data(Describe(check))}");

        /// <summary>What differs, in a sentence.</summary>
        public static string Describe(PolicyCheck check)
        {
            switch (check.Drift)
            {
                case null:
                    return $"{check.Name} ({check.Id}) is {check.Actual}, as the baseline expects.";
                case DriftReason.NotInTenant:
                    return $"{check.Name} ({check.Id}) is listed as {check.Expected}, but the tenant does not have it.";
                case DriftReason.NewProduct:
                    return $"{check.Name} ({check.Id}) is {check.Actual}; the baseline does not list it and its default is {check.Expected}.";
                default:
                    return $"{check.Name} ({check.Id}) is {check.Actual}; the baseline expects {check.Expected}.";
            }
        }

        /// <summary>A workflow command's property value, escaped as GitHub's toolkit does.</summary>
        private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");

        /// <summary>A workflow command's message, escaped as GitHub's toolkit does.</summary>
        private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
    }
}
