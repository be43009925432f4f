using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using MSCommerce.Client.Fleet;

namespace MSCommerce.Client.Baselines
{
    /// <summary>
    /// The JUnit XML drift report, which CI systems show as test results: of one tenant, a test case per product and
    /// listed offer type; of many, a test suite per tenant with a failing case per difference left and an error for a
    /// tenant that could not be read.
    /// </summary>
    internal static class JUnitReport
    {
        private static readonly XmlWriterSettings Settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };

        public static void Write(DriftReport report, Stream stream)
        {
            var failures = Count(report.Drifted.Count());
            var tests = Count(report.Checks.Count);
            using var xml = XmlWriter.Create(stream, Settings);
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
            xml.WriteAttributeString("timestamp", Timestamp(report.CheckedAt));
            xml.WriteAttributeString("file", report.BaselineFile);
            foreach (var check in report.Checks)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", $"{report.PolicyId}.{check.Scope}");
                xml.WriteAttributeString("name", $"{check.Name} ({check.Id})");
                xml.WriteAttributeString("file", report.BaselineFile);
                xml.WriteAttributeString("line", Count(Math.Max(1, check.Line)));
                xml.WriteAttributeString("time", "0");
                if (check.Drift is DriftReason reason)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", DriftReportWriter.Describe(check));
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

        public static void Write(FleetReport report, Stream stream)
        {
            var results = report.Tenants;
            using var xml = XmlWriter.Create(stream, Settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", report.Command);
            xml.WriteAttributeString("tests", Count(results.Sum(CasesOf)));
            xml.WriteAttributeString("failures", Count(results.Sum(result => result.Status == TenantBaselineStatus.Failed ? 0 : FleetReport.Unmatched(result).Count())));
            xml.WriteAttributeString("errors", Count(report.Summary.Failed));
            xml.WriteAttributeString("time", report.Summary.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
            foreach (var result in results)
            {
                var unmatched = FleetReport.Unmatched(result).ToList();
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", $"{result.TenantName} ({result.TenantId})");
                xml.WriteAttributeString("id", result.TenantId);
                xml.WriteAttributeString("tests", Count(CasesOf(result)));
                xml.WriteAttributeString("failures", Count(result.Status == TenantBaselineStatus.Failed ? 0 : unmatched.Count));
                xml.WriteAttributeString("errors", result.Status == TenantBaselineStatus.Failed ? "1" : "0");
                xml.WriteAttributeString("timestamp", Timestamp(report.GeneratedAt));
                if (result.Status == TenantBaselineStatus.Failed)
                {
                    Case(xml, result, "reads the policy", () =>
                    {
                        xml.WriteStartElement("error");
                        xml.WriteAttributeString("type", result.ErrorId ?? "Failed");
                        xml.WriteAttributeString("message", result.Error ?? "");
                        xml.WriteString(result.RecommendedAction ?? "");
                        xml.WriteEndElement();
                    });
                }
                else if (unmatched.Count == 0 && result.Changes.Count == 0)
                {
                    Case(xml, result, "matches the baseline", null);
                }
                else
                {
                    foreach (var change in result.Changes.Where(change => change.Outcome == PolicyChangeOutcome.Changed))
                    {
                        Case(xml, result, $"{change.ProductName} ({change.Id}) is {change.NewValue} (changed from {change.PreviousValue})", null);
                    }

                    foreach (var drift in unmatched)
                    {
                        Case(xml, result, $"{drift.ProductName} ({drift.Id}) is {drift.Expected}", () =>
                        {
                            xml.WriteStartElement("failure");
                            xml.WriteAttributeString("type", drift.Reason.ToString());
                            xml.WriteAttributeString("message", $"Expected {drift.Expected}, the tenant has {drift.Actual ?? "no such product"}.");
                            xml.WriteEndElement();
                        });
                    }
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static int CasesOf(TenantBaselineResult result) =>
            result.Status == TenantBaselineStatus.Failed ? 1 : Math.Max(1, FleetReport.Unmatched(result).Count() + result.Changes.Count(change => change.Outcome == PolicyChangeOutcome.Changed));

        private static void Case(XmlWriter xml, TenantBaselineResult result, string name, Action? body)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", result.TenantName);
            xml.WriteAttributeString("name", name);
            body?.Invoke();
            xml.WriteEndElement();
        }

        private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
    }
}
