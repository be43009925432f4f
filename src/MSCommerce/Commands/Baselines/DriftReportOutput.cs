using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Policies;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Test-MSCommercePolicyBaseline's results of one tenant for CI systems: the report file (-ReportPath, -ReportFormat), and
    /// under GitHub Actions an error annotation on the baseline file's line for each drift.
    /// </summary>
    internal sealed class DriftReportOutput
    {
        private readonly ReportFile? _file;
        private readonly bool _annotate;

        public DriftReportOutput(ReportFile? file)
        {
            _file = file;
            _annotate = string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Whether anything is to be written, so that the command keeps the tenant's policies for it.</summary>
        public bool Wanted => _file != null || _annotate;

        /// <summary>Writes the report file and the annotations; returns the report's path (null when none was asked for or it could not be written).</summary>
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

            return _file != null && _file.Write(cmdlet, report) ? _file.FullPath : null;
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
