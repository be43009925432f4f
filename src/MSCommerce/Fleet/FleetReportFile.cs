using System;
using System.Collections.Generic;
using System.Management.Automation;
using MSCommerce.Client.Fleet;
using MSCommerce.Commands;

namespace MSCommerce.Fleet
{
    /// <summary>-ReportPath and -ReportFormat: where the per-tenant report goes, checked before any request, and written at the end (replacing an older report).</summary>
    internal sealed class FleetReportFile
    {
        public const string Json = "Json";
        public const string JUnit = "JUnit";

        private readonly BaselineDestination _destination;
        private readonly string _format;

        private FleetReportFile(BaselineDestination destination, string format)
        {
            _destination = destination;
            _format = format;
        }

        /// <summary>The report file, or null without -ReportPath; a path that cannot be written stops the command before any request.</summary>
        /// <remarks>Without a format the file's extension decides: .xml is JUnit, anything else Json. Markdown is a report of one tenant only.</remarks>
        public static FleetReportFile? Prepare(PSCmdlet cmdlet, string? reportPath, string? format)
        {
            if (reportPath == null)
            {
                return null;
            }

            if (string.Equals(format, "Markdown", StringComparison.OrdinalIgnoreCase))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.InvalidArgument("ReportFormatNotForTenants", "A Markdown report is of one tenant only; a report of many tenants is Json or JUnit.",
                    format, "Give -ReportFormat Json or JUnit with -TenantId, or leave out -TenantId for the connection's tenant's Markdown report."));
                return null;
            }

            format ??= reportPath.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? JUnit : Json;

            var resolved = FilePaths.Resolve(cmdlet, reportPath, out var invalid);
            if (resolved == null)
            {
                cmdlet.ThrowTerminatingError(invalid!);
                return null;
            }

            var destination = new BaselineDestination(reportPath, resolved);
            if (destination.Problem(force: true) is ErrorRecord unwritable)
            {
                cmdlet.ThrowTerminatingError(unwritable);
            }

            return new FleetReportFile(destination, format);
        }

        public void Write(PSCmdlet cmdlet, string command, string? baselinePath, FleetSummary summary, IReadOnlyList<TenantBaselineResult> results)
        {
            var content = string.Equals(_format, JUnit, StringComparison.OrdinalIgnoreCase)
                ? FleetReport.JUnit(command, summary, results, DateTimeOffset.UtcNow)
                : FleetReport.Json(command, baselinePath, summary, results, DateTimeOffset.UtcNow);
            if (_destination.Write(content) is ErrorRecord failed)
            {
                cmdlet.WriteError(failed);
                return;
            }

            cmdlet.WriteVerbose($"Wrote the {_format} report of {results.Count} tenant(s) to {_destination.FullPath}.");
        }
    }
}
