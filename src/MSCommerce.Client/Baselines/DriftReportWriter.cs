using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml;

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

    /// <summary>Writes a <see cref="DriftReport"/> as JUnit XML, Markdown or JSON, and as GitHub Actions annotations.</summary>
    public static class DriftReportWriter
    {
        /// <summary>Writes the report in the format to the stream (UTF-8, no byte order mark).</summary>
        public static void Write(DriftReport report, DriftReportFormat format, Stream stream)
        {
            if (report == null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            switch (format)
            {
                case DriftReportFormat.JUnit:
                    WriteJUnit(report, stream);
                    break;
                case DriftReportFormat.Markdown:
                    using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" })
                    {
                        WriteMarkdown(report, writer);
                    }

                    break;
                default:
                    WriteJson(report, stream);
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

        private static void WriteJUnit(DriftReport report, Stream stream)
        {
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
            var failures = report.Drifted.Count().ToString(CultureInfo.InvariantCulture);
            var tests = report.Checks.Count.ToString(CultureInfo.InvariantCulture);
            using var xml = XmlWriter.Create(stream, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "MSCommerce policy baseline");
            xml.WriteAttributeString("tests", tests);
            xml.WriteAttributeString("failures", failures);
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", $"{report.PolicyId} ({report.BaselineFile})");
            xml.WriteAttributeString("tests", tests);
            xml.WriteAttributeString("failures", failures);
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", "0");
            xml.WriteAttributeString("time", "0");
            xml.WriteAttributeString("timestamp", report.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("file", report.BaselineFile);
            foreach (var check in report.Checks)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", $"{report.PolicyId}.{check.Scope}");
                xml.WriteAttributeString("name", $"{check.Name} ({check.Id})");
                xml.WriteAttributeString("file", report.BaselineFile);
                xml.WriteAttributeString("line", Math.Max(1, check.Line).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("time", "0");
                if (check.Drift is DriftReason reason)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", Describe(check));
                    xml.WriteAttributeString("type", reason.ToString());
                    xml.WriteString($"Expected: {check.Expected}\nActual: {check.Actual ?? "(not in the tenant)"}\nBaseline: {report.BaselineFile}, line {Math.Max(1, check.Line)}\n");
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static void WriteMarkdown(DriftReport report, TextWriter writer)
        {
            var drifted = report.Drifted.ToList();
            writer.WriteLine($"## Self-service purchase policy: {(drifted.Count == 0 ? "matches the baseline" : $"{drifted.Count} drifted")}");
            writer.WriteLine();
            writer.WriteLine($"{report.Checks.Count} checked against `{Cell(report.BaselineFile)}` ({report.PolicyId}) at {report.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC: {report.Checks.Count - drifted.Count} match, {drifted.Count} drifted.");
            if (drifted.Count == 0)
            {
                return;
            }

            writer.WriteLine();
            writer.WriteLine("| Reason | Scope | Name | Id | Expected | Actual | Line |");
            writer.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var check in drifted)
            {
                writer.WriteLine($"| {check.Drift} | {check.Scope} | {Cell(check.Name)} | {Cell(check.Id)} | {check.Expected} | {check.Actual ?? "absent"} | {Math.Max(1, check.Line)} |");
            }
        }

        private static void WriteJson(DriftReport report, Stream stream)
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("baselineFile", report.BaselineFile);
            json.WriteString("policyId", report.PolicyId);
            json.WriteString("checkedAt", report.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteNumber("checked", report.Checks.Count);
            json.WriteNumber("drifted", report.Drifted.Count());
            json.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                json.WriteStartObject();
                json.WriteString("scope", check.Scope);
                json.WriteString("id", check.Id);
                json.WriteString("name", check.Name);
                json.WriteString("expected", check.Expected);
                if (check.Actual == null)
                {
                    json.WriteNull("actual");
                }
                else
                {
                    json.WriteString("actual", check.Actual);
                }

                json.WriteBoolean("passed", check.Passed);
                if (check.Drift == null)
                {
                    json.WriteNull("reason");
                }
                else
                {
                    json.WriteString("reason", check.Drift.ToString());
                }

                json.WriteNumber("line", Math.Max(1, check.Line));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        /// <summary>A Markdown table cell: pipes escaped, line breaks and backticks out.</summary>
        private static string Cell(string text) => text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("`", "'").Replace("\r", " ").Replace("\n", " ");

        /// <summary>A workflow command's property value, escaped as GitHub's toolkit does.</summary>
        private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");

        /// <summary>A workflow command's message, escaped as GitHub's toolkit does.</summary>
        private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
    }
}
