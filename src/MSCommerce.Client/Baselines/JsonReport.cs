using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using MSCommerce.Client.Fleet;

namespace MSCommerce.Client.Baselines
{
    /// <summary>The JSON drift report: one tenant's checks, or every tenant's status with its differences, each written as one entry shape.</summary>
    internal static class JsonReport
    {
        private static readonly JsonWriterOptions Indented = new JsonWriterOptions { Indented = true };

        public static void Write(DriftReport report, Stream stream)
        {
            using var json = new Utf8JsonWriter(stream, Indented);
            json.WriteStartObject();
            json.WriteString("baselineFile", report.BaselineFile);
            json.WriteString("policyId", report.PolicyId);
            json.WriteString("checkedAt", report.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteNumber("checked", report.Checks.Count);
            json.WriteNumber("drifted", report.Drifted.Count());
            json.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                Entry(json, check, Math.Max(1, check.Line));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        public static void Write(FleetReport report, Stream stream)
        {
            var summary = report.Summary;
            using var json = new Utf8JsonWriter(stream, Indented);
            json.WriteStartObject();
            json.WriteString("command", report.Command);
            json.WriteString("generatedAt", report.GeneratedAt.ToString("o", CultureInfo.InvariantCulture));
            if (report.BaselineFile != null) json.WriteString("baseline", report.BaselineFile);
            json.WriteStartObject("summary");
            json.WriteNumber("tenants", summary.Tenants);
            json.WriteNumber("compliant", summary.Compliant);
            json.WriteNumber("drifted", summary.Drifted);
            json.WriteNumber("changed", summary.Changed);
            json.WriteNumber("failed", summary.Failed);
            json.WriteNumber("elapsedSeconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
            json.WriteEndObject();
            json.WriteStartArray("tenants");
            foreach (var result in report.Tenants)
            {
                json.WriteStartObject();
                json.WriteString("tenantId", result.TenantId);
                json.WriteString("tenantName", result.TenantName);
                json.WriteString("status", result.Status.ToString());
                json.WriteStartArray("drift");
                foreach (var drift in result.Drift)
                {
                    // The fleet's comparison keeps no baseline lines: its entries have none.
                    Entry(json, PolicyCheck.Of(drift), line: null);
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

        /// <summary>One product or offer type checked: what the baseline expects, what the tenant has, and why they differ.</summary>
        private static void Entry(Utf8JsonWriter json, PolicyCheck check, int? line)
        {
            json.WriteStartObject();
            json.WriteString("scope", check.Scope);
            json.WriteString("id", check.Id);
            json.WriteString("name", check.Name);
            json.WriteString("expected", check.Expected);
            json.WriteString("actual", check.Actual);
            json.WriteBoolean("passed", check.Passed);
            json.WriteString("reason", check.Drift?.ToString());
            if (line is int number)
            {
                json.WriteNumber("line", number);
            }

            json.WriteEndObject();
        }
    }
}
