using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Policies;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Test-MSCommercePolicyBaseline's results for CI systems: the report file (-ReportPath, -ReportFormat), and
    /// under GitHub Actions an error annotation on the baseline file's line for each drift.
    /// </summary>
    internal sealed class DriftReportOutput
    {
        private readonly string? _reportPath;
        private readonly DriftReportFormat _format;
        private readonly bool _annotate;

        private DriftReportOutput(string? reportPath, DriftReportFormat format, bool annotate)
        {
            _reportPath = reportPath;
            _format = format;
            _annotate = annotate;
        }

        /// <summary>Whether anything is to be written, so that the command keeps the tenant's policies for it.</summary>
        public bool Wanted => _reportPath != null || _annotate;

        /// <summary>Checks the report's path and format before any request; null and the error when they cannot be used.</summary>
        public static DriftReportOutput? Prepare(PSCmdlet cmdlet, string? reportPath, string? format, out ErrorRecord? error)
        {
            error = null;
            var annotate = string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
            if (reportPath == null)
            {
                return new DriftReportOutput(null, DriftReportFormat.Json, annotate);
            }

            var resolved = FilePaths.Resolve(cmdlet, reportPath, out error);
            if (resolved == null)
            {
                return null;
            }

            var folder = Path.GetDirectoryName(resolved);
            if (Directory.Exists(resolved) || (folder != null && !Directory.Exists(folder)))
            {
                error = ErrorRecords.InvalidArgument("ReportPathNotWritable", $"The report cannot be written to '{resolved}': {(Directory.Exists(resolved) ? "it is a folder" : $"the folder '{folder}' does not exist")}.",
                    reportPath, "Give the path of a file in an existing folder, e.g. ./drift.xml.");
                return null;
            }

            var chosen = format == null ? FromExtension(resolved) : (DriftReportFormat)Enum.Parse(typeof(DriftReportFormat), format, ignoreCase: true);
            if (chosen == null)
            {
                error = ErrorRecords.InvalidArgument("ReportFormatUnknown", $"The report format cannot be told from '{Path.GetFileName(resolved)}'.",
                    reportPath, "Give -ReportFormat JUnit, Markdown or Json, or a file ending in .xml, .md or .json.");
                return null;
            }

            return new DriftReportOutput(resolved, chosen.Value, annotate);
        }

        /// <summary>Writes the report file and the annotations; returns the report's path (null when none was asked for).</summary>
        public string? Write(PSCmdlet cmdlet, string baselinePath, PolicyBaseline baseline, IReadOnlyList<PolicyDrift> drift,
            IEnumerable<ProductPolicy> products, IEnumerable<OfferTypePolicy> offerTypes)
        {
            var report = DriftReport.Create(AsTheCiNamesIt(baselinePath, cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath), baseline, DefaultValueLine(baselinePath), drift, products, offerTypes, DateTimeOffset.UtcNow);
            if (_annotate)
            {
                foreach (var annotation in DriftReportWriter.GitHubAnnotations(report))
                {
                    cmdlet.Host.UI.WriteLine(annotation);
                }
            }

            if (_reportPath != null)
            {
                using var stream = new FileStream(_reportPath, FileMode.Create, FileAccess.Write, FileShare.None);
                DriftReportWriter.Write(report, _format, stream);
            }

            return _reportPath;
        }

        private static DriftReportFormat? FromExtension(string path)
        {
            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".xml":
                    return DriftReportFormat.JUnit;
                case ".md":
                case ".markdown":
                    return DriftReportFormat.Markdown;
                case ".json":
                    return DriftReportFormat.Json;
                default:
                    return null;
            }
        }

        /// <summary>The line of the file's defaultValue (the expectation of every product it does not list); 1 when not found.</summary>
        private static int DefaultValueLine(string path)
        {
            var lines = File.ReadAllLines(path);
            var index = Array.FindIndex(lines, line => line.Contains("\"defaultValue\""));
            return index < 0 ? 1 : index + 1;
        }

        /// <summary>Relative to the repository (GITHUB_WORKSPACE, BUILD_SOURCESDIRECTORY) or the current location when inside it, so CI systems find the file.</summary>
        private static string AsTheCiNamesIt(string path, string currentLocation)
        {
            foreach (var root in new[] { Environment.GetEnvironmentVariable("GITHUB_WORKSPACE"), Environment.GetEnvironmentVariable("BUILD_SOURCESDIRECTORY"), currentLocation })
            {
                if (string.IsNullOrEmpty(root))
                {
                    continue;
                }

                var prefix = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
                if (path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return path.Substring(prefix.Length).Replace('\\', '/');
                }
            }

            return path;
        }
    }
}
