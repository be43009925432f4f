using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Fleet;

namespace MSCommerce.Commands
{
    /// <summary>
    /// -ReportPath and -ReportFormat: the drift report's file, of one tenant or of many, checked before any request and
    /// written whole when the report is ready (replacing an older one, never leaving half a report).
    /// </summary>
    internal sealed class ReportFile
    {
        private readonly BaselineDestination _destination;

        private ReportFile(BaselineDestination destination, DriftReportFormat format)
        {
            _destination = destination;
            Format = format;
        }

        public DriftReportFormat Format { get; }

        /// <summary>The file written.</summary>
        public string FullPath => _destination.FullPath;

        /// <summary>
        /// The report file, or null without -ReportPath. Without a format the file's extension decides (.xml JUnit,
        /// .md Markdown, .json Json); a path or format that cannot be used stops the command before any request.
        /// </summary>
        public static ReportFile? Prepare(PSCmdlet cmdlet, string? reportPath, string? format)
        {
            if (reportPath == null)
            {
                return null;
            }

            var resolved = FilePaths.Resolve(cmdlet, reportPath, out var invalid);
            if (resolved == null)
            {
                cmdlet.ThrowTerminatingError(invalid!);
                return null;
            }

            var folder = Path.GetDirectoryName(resolved);
            if (Directory.Exists(resolved) || (folder != null && !Directory.Exists(folder)))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.InvalidArgument("ReportPathNotWritable", $"The report cannot be written to '{resolved}': {(Directory.Exists(resolved) ? "it is a folder" : $"the folder '{folder}' does not exist")}.",
                    reportPath, "Give the path of a file in an existing folder, e.g. ./drift.xml."));
            }

            var chosen = format == null ? FromExtension(resolved) : (DriftReportFormat)Enum.Parse(typeof(DriftReportFormat), format, ignoreCase: true);
            if (chosen == null)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.InvalidArgument("ReportFormatUnknown", $"The report format cannot be told from '{Path.GetFileName(resolved)}'.",
                    reportPath, "Give -ReportFormat JUnit, Markdown or Json, or a file ending in .xml, .md or .json."));
            }

            var destination = new BaselineDestination(reportPath, resolved);
            if (destination.Problem(force: true) is ErrorRecord unwritable)
            {
                cmdlet.ThrowTerminatingError(unwritable);
            }

            return new ReportFile(destination, chosen!.Value);
        }

        /// <summary>Writes the report of one tenant; false, and the error written, when the file could not be.</summary>
        public bool Write(PSCmdlet cmdlet, DriftReport report) => Write(cmdlet, stream => DriftReportWriter.Write(report, Format, stream));

        /// <summary>Writes the report of many tenants when the command ends.</summary>
        public void Write(PSCmdlet cmdlet, string command, string? baselinePath, FleetSummary summary, IReadOnlyList<TenantBaselineResult> results)
        {
            var report = new FleetReport(command, baselinePath, summary, results, DateTimeOffset.UtcNow);
            if (Write(cmdlet, stream => DriftReportWriter.Write(report, Format, stream)))
            {
                cmdlet.WriteVerbose($"Wrote the {Format} report of {results.Count} tenant(s) to {FullPath}.");
            }
        }

        private bool Write(PSCmdlet cmdlet, Action<Stream> write)
        {
            using var content = new MemoryStream();
            write(content);
            if (_destination.Write(content.ToArray()) is ErrorRecord failed)
            {
                cmdlet.WriteError(failed);
                return false;
            }

            return true;
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
    }
}
