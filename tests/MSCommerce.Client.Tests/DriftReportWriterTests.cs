using System.Text;
using System.Text.Json;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Fleet;

namespace MSCommerce.Client.Tests;

/// <summary>
/// The drift reports CI systems read, in JSON, JUnit XML and Markdown: of one tenant byte for byte as they were, and of
/// many tenants with each difference written as in the report of one.
/// </summary>
public sealed class DriftReportWriterTests
{
    private static readonly DateTimeOffset CheckedAt = new(2026, 12, 7, 9, 30, 15, TimeSpan.Zero);

    private static DriftReport OneTenant() => new("policy/baseline.json", "AllowSelfServicePurchase",
        [
            new PolicyCheck(PolicyDrift.ProductScope, "CFQ7TTC0H9MP", "Power BI Pro", "Enabled", "Disabled", DriftReason.Drifted, 6),
            new PolicyCheck(PolicyDrift.ProductScope, "CFQ7TTC0HD32", "Power | Apps", "Enabled", "Disabled", DriftReason.NewProduct, 4),
            new PolicyCheck(PolicyDrift.ProductScope, "CFQ7TTC0LH05", "Visio", "Enabled", "Enabled", null, 7),
            new PolicyCheck(PolicyDrift.ProductScope, "CFQ7TTC0ZZZZ", "Gone", "Disabled", null, DriftReason.NotInTenant, 8),
            new PolicyCheck(PolicyDrift.OfferTypeScope, "SaaS", "SaaS", "Enabled", "Enabled", null, 0),
        ],
        CheckedAt);

    private static FleetReport ManyTenants()
    {
        IReadOnlyList<TenantBaselineResult> results =
        [
            new TenantBaselineResult(new TenantTarget("11111111-0000-0000-0000-000000000001", "Alpha"), TenantBaselineStatus.Compliant, [], []),
            new TenantBaselineResult(new TenantTarget("22222222-0000-0000-0000-000000000002", "Beta | Co"), TenantBaselineStatus.Drifted,
                [
                    new PolicyDrift(PolicyDrift.ProductScope, "CFQ7TTC0H9MP", "Power BI Pro", "Enabled", "Disabled", DriftReason.Drifted),
                    new PolicyDrift(PolicyDrift.ProductScope, "CFQ7TTC0ZZZZ", "Gone", "Disabled", null, DriftReason.NotInTenant),
                ],
                []),
            TenantBaselineResult.Failure(new TenantTarget("school.onmicrosoft.com", null), "TenantNoRelationship", "The partner has no relationship.", "Ask for one."),
        ];
        return new FleetReport("Test-MSCommercePolicyBaseline", "policy/baseline.json", new FleetSummary("checked", results, TimeSpan.FromSeconds(2.5)), results, CheckedAt);
    }

    private static string Written(DriftReport report, DriftReportFormat format)
    {
        using var stream = new MemoryStream();
        DriftReportWriter.Write(report, format, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Written(FleetReport report, DriftReportFormat format)
    {
        using var stream = new MemoryStream();
        DriftReportWriter.Write(report, format, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void The_report_of_one_tenant_in_Json_lists_every_check_with_its_baseline_line()
    {
        const string expected = """
        {
          "baselineFile": "policy/baseline.json",
          "policyId": "AllowSelfServicePurchase",
          "checkedAt": "2026-12-07T09:30:15Z",
          "checked": 5,
          "drifted": 3,
          "checks": [
            {
              "scope": "Product",
              "id": "CFQ7TTC0H9MP",
              "name": "Power BI Pro",
              "expected": "Enabled",
              "actual": "Disabled",
              "passed": false,
              "reason": "Drifted",
              "line": 6
            },
            {
              "scope": "Product",
              "id": "CFQ7TTC0HD32",
              "name": "Power | Apps",
              "expected": "Enabled",
              "actual": "Disabled",
              "passed": false,
              "reason": "NewProduct",
              "line": 4
            },
            {
              "scope": "Product",
              "id": "CFQ7TTC0LH05",
              "name": "Visio",
              "expected": "Enabled",
              "actual": "Enabled",
              "passed": true,
              "reason": null,
              "line": 7
            },
            {
              "scope": "Product",
              "id": "CFQ7TTC0ZZZZ",
              "name": "Gone",
              "expected": "Disabled",
              "actual": null,
              "passed": false,
              "reason": "NotInTenant",
              "line": 8
            },
            {
              "scope": "OfferType",
              "id": "SaaS",
              "name": "SaaS",
              "expected": "Enabled",
              "actual": "Enabled",
              "passed": true,
              "reason": null,
              "line": 1
            }
          ]
        }
        """;

        Assert.Equal(expected.ReplaceLineEndings("\n"), Written(OneTenant(), DriftReportFormat.Json));
    }

    [Fact]
    public void The_report_of_one_tenant_in_JUnit_has_a_test_case_per_check_failed_when_drifted()
    {
        const string expected = """
        <?xml version="1.0" encoding="utf-8"?>
        <testsuites name="MSCommerce policy baseline" tests="5" failures="3" errors="0" time="0">
          <testsuite name="AllowSelfServicePurchase (policy/baseline.json)" tests="5" failures="3" errors="0" skipped="0" time="0" timestamp="2026-12-07T09:30:15" file="policy/baseline.json">
            <testcase classname="AllowSelfServicePurchase.Product" name="Power BI Pro (CFQ7TTC0H9MP)" file="policy/baseline.json" line="6" time="0">
              <failure message="Power BI Pro (CFQ7TTC0H9MP) is Disabled; the baseline expects Enabled." type="Drifted">Expected: Enabled
        Actual: Disabled
        Baseline: policy/baseline.json, line 6
        </failure>
            </testcase>
            <testcase classname="AllowSelfServicePurchase.Product" name="Power | Apps (CFQ7TTC0HD32)" file="policy/baseline.json" line="4" time="0">
              <failure message="Power | Apps (CFQ7TTC0HD32) is Disabled; the baseline does not list it and its default is Enabled." type="NewProduct">Expected: Enabled
        Actual: Disabled
        Baseline: policy/baseline.json, line 4
        </failure>
            </testcase>
            <testcase classname="AllowSelfServicePurchase.Product" name="Visio (CFQ7TTC0LH05)" file="policy/baseline.json" line="7" time="0" />
            <testcase classname="AllowSelfServicePurchase.Product" name="Gone (CFQ7TTC0ZZZZ)" file="policy/baseline.json" line="8" time="0">
              <failure message="Gone (CFQ7TTC0ZZZZ) is listed as Disabled, but the tenant does not have it." type="NotInTenant">Expected: Disabled
        Actual: (not in the tenant)
        Baseline: policy/baseline.json, line 8
        </failure>
            </testcase>
            <testcase classname="AllowSelfServicePurchase.OfferType" name="SaaS (SaaS)" file="policy/baseline.json" line="1" time="0" />
          </testsuite>
        </testsuites>
        """;

        Assert.Equal(expected.ReplaceLineEndings("\n"), Written(OneTenant(), DriftReportFormat.JUnit));
    }

    [Fact]
    public void The_report_of_one_tenant_in_Markdown_has_a_row_per_drift()
    {
        const string expected = """
        ## Self-service purchase policy: 3 drifted

        5 checked against `policy/baseline.json` (AllowSelfServicePurchase) at 2026-12-07 09:30:15 UTC: 2 match, 3 drifted.

        | Reason | Scope | Name | Id | Expected | Actual | Line |
        |---|---|---|---|---|---|---|
        | Drifted | Product | Power BI Pro | CFQ7TTC0H9MP | Enabled | Disabled | 6 |
        | NewProduct | Product | Power \| Apps | CFQ7TTC0HD32 | Enabled | Disabled | 4 |
        | NotInTenant | Product | Gone | CFQ7TTC0ZZZZ | Disabled | absent | 8 |
        """ + "\n";

        Assert.Equal(expected.ReplaceLineEndings("\n"), Written(OneTenant(), DriftReportFormat.Markdown));
    }

    [Fact]
    public void A_difference_is_the_same_Json_entry_in_the_report_of_one_tenant_and_of_many()
    {
        using var one = JsonDocument.Parse(Written(OneTenant(), DriftReportFormat.Json));
        using var many = JsonDocument.Parse(Written(ManyTenants(), DriftReportFormat.Json));

        foreach (var id in new[] { "CFQ7TTC0H9MP", "CFQ7TTC0ZZZZ" })
        {
            var check = one.RootElement.GetProperty("checks").EnumerateArray().Single(entry => entry.GetProperty("id").GetString() == id);
            var drift = many.RootElement.GetProperty("tenants")[1].GetProperty("drift").EnumerateArray().Single(entry => entry.GetProperty("id").GetString() == id);
            // The one-tenant report knows each entry's baseline line; the fleet's comparison does not.
            Assert.Equal(check.EnumerateObject().Where(property => property.Name != "line").Select(property => property.ToString()), drift.EnumerateObject().Select(property => property.ToString()));
        }
    }

    [Fact]
    public void The_report_of_many_tenants_in_Markdown_has_a_row_per_tenant_and_a_row_per_difference_as_in_the_report_of_one()
    {
        const string expected = """
        ## Self-service purchase policy: 3 tenant(s), 1 compliant, 1 drifted, 1 failed

        Test-MSCommercePolicyBaseline against `policy/baseline.json` at 2026-12-07 09:30:15 UTC, in 2.5 s.

        | Tenant | Tenant id | Status | Differences | Changes | Error |
        |---|---|---|---|---|---|
        | Alpha | 11111111-0000-0000-0000-000000000001 | Compliant | 0 | 0 |  |
        | Beta \| Co | 22222222-0000-0000-0000-000000000002 | Drifted | 2 | 0 |  |
        | school.onmicrosoft.com | school.onmicrosoft.com | Failed | 0 | 0 | TenantNoRelationship: The partner has no relationship. |

        | Tenant | Reason | Scope | Name | Id | Expected | Actual |
        |---|---|---|---|---|---|---|
        | Beta \| Co | Drifted | Product | Power BI Pro | CFQ7TTC0H9MP | Enabled | Disabled |
        | Beta \| Co | NotInTenant | Product | Gone | CFQ7TTC0ZZZZ | Disabled | absent |
        """ + "\n";

        var written = Written(ManyTenants(), DriftReportFormat.Markdown);

        Assert.Equal(expected.ReplaceLineEndings("\n"), written);
        Assert.Contains("| Drifted | Product | Power BI Pro | CFQ7TTC0H9MP | Enabled | Disabled | 6 |", Written(OneTenant(), DriftReportFormat.Markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_of_many_tenants_in_JUnit_has_a_suite_per_tenant_a_failure_per_difference_and_an_error_per_failed_tenant()
    {
        var document = System.Xml.Linq.XDocument.Parse(Written(ManyTenants(), DriftReportFormat.JUnit));

        var suites = document.Root!.Elements("testsuite").ToList();
        Assert.Equal(3, suites.Count);
        Assert.Equal("1", document.Root.Attribute("errors")!.Value);
        Assert.Equal("2", document.Root.Attribute("failures")!.Value);
        Assert.Equal(["Expected Enabled, the tenant has Disabled.", "Expected Disabled, the tenant has no such product."],
            suites[1].Descendants("failure").Select(failure => failure.Attribute("message")!.Value));
        Assert.Equal("TenantNoRelationship", suites[2].Descendants("error").Single().Attribute("type")!.Value);
    }
}
