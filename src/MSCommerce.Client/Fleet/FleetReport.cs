using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml;
using MSCommerce.Client.Baselines;

namespace MSCommerce.Client.Fleet
{
    /// <summary>
    /// A fleet's per-tenant report, for people and CI: JSON (the summary and every tenant with its drift,
    /// changes or error), or JUnit XML with one test suite per tenant (a test case per difference, an error
    /// for a tenant that could not be read), which CI systems show as test results.
    /// </summary>
    public static class FleetReport
    {
        /// <summary>The JSON report, UTF-8 without a BOM.</summary>
        public static byte[] Json(string command, string? baselinePath, FleetSummary summary, IReadOnlyList<TenantBaselineResult> results, DateTimeOffset generatedAt)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("command", command);
                json.WriteString("generatedAt", generatedAt.ToString("o", CultureInfo.InvariantCulture));
                if (baselinePath != null) json.WriteString("baseline", baselinePath);
                json.WriteStartObject("summary");
                json.WriteNumber("tenants", summary.Tenants);
                json.WriteNumber("compliant", summary.Compliant);
                json.WriteNumber("drifted", summary.Drifted);
                json.WriteNumber("changed", summary.Changed);
                json.WriteNumber("failed", summary.Failed);
                json.WriteNumber("elapsedSeconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
                json.WriteEndObject();
                json.WriteStartArray("tenants");
                foreach (var result in results)
                {
                    json.WriteStartObject();
                    json.WriteString("tenantId", result.TenantId);
                    json.WriteString("tenantName", result.TenantName);
                    json.WriteString("status", result.Status.ToString());
                    json.WriteStartArray("drift");
                    foreach (var drift in result.Drift)
                    {
                        json.WriteStartObject();
                        json.WriteString("scope", drift.Scope);
                        json.WriteString("id", drift.Id);
                        json.WriteString("name", drift.ProductName);
                        json.WriteString("expected", drift.Expected);
                        json.WriteString("actual", drift.Actual);
                        json.WriteString("reason", drift.Reason.ToString());
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("changes");
                    foreach (var change in result.Changes)
                    {
                        json.WriteStartObject();
                        json.WriteString("id", change.Id);
                        json.WriteString("name", change.ProductName);
                        json.WriteString("previousValue", change.PreviousValue);
                        json.WriteString("newValue", change.NewValue);
                        json.WriteString("outcome", change.Outcome.ToString());
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    if (result.Error != null)
                    {
                        json.WriteStartObject("error");
                        json.WriteString("id", result.ErrorId);
                        json.WriteString("message", result.Error);
                        json.WriteString("recommendedAction", result.RecommendedAction);
                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return stream.ToArray();
        }

        /// <summary>The JUnit XML report: one test suite per tenant, UTF-8 without a BOM.</summary>
        public static byte[] JUnit(string command, FleetSummary summary, IReadOnlyList<TenantBaselineResult> results, DateTimeOffset generatedAt)
        {
            using var stream = new MemoryStream();
            using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
            {
                xml.WriteStartDocument();
                xml.WriteStartElement("testsuites");
                xml.WriteAttributeString("name", command);
                xml.WriteAttributeString("tests", Count(results.Sum(CasesOf)));
                xml.WriteAttributeString("failures", Count(results.Sum(result => result.Status == TenantBaselineStatus.Failed ? 0 : Unmatched(result).Count())));
                xml.WriteAttributeString("errors", Count(summary.Failed));
                xml.WriteAttributeString("time", Seconds(summary.Elapsed));
                foreach (var result in results)
                {
                    var unmatched = Unmatched(result).ToList();
                    xml.WriteStartElement("testsuite");
                    xml.WriteAttributeString("name", $"{result.TenantName} ({result.TenantId})");
                    xml.WriteAttributeString("id", result.TenantId);
                    xml.WriteAttributeString("tests", Count(CasesOf(result)));
                    xml.WriteAttributeString("failures", Count(result.Status == TenantBaselineStatus.Failed ? 0 : unmatched.Count));
                    xml.WriteAttributeString("errors", result.Status == TenantBaselineStatus.Failed ? "1" : "0");
                    xml.WriteAttributeString("timestamp", generatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
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

            return stream.ToArray();
        }

        /// <summary>Differences left as they were: all of a check's, and those of a sync that were not changed.</summary>
        private static IEnumerable<PolicyDrift> Unmatched(TenantBaselineResult result)
        {
            var changed = new HashSet<string>(result.Changes.Where(change => change.Outcome == PolicyChangeOutcome.Changed).Select(change => change.Scope + "/" + change.Id), StringComparer.OrdinalIgnoreCase);
            return result.Drift.Where(drift => !changed.Contains(drift.Scope + "/" + drift.Id));
        }

        private static int CasesOf(TenantBaselineResult result) =>
            result.Status == TenantBaselineStatus.Failed ? 1 : Math.Max(1, Unmatched(result).Count() + result.Changes.Count(change => change.Outcome == PolicyChangeOutcome.Changed));

        private static void Case(XmlWriter xml, TenantBaselineResult result, string name, Action? body)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", result.TenantName);
            xml.WriteAttributeString("name", name);
            body?.Invoke();
            xml.WriteEndElement();
        }

        private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

        private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
