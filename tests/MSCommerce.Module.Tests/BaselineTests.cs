using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using MSCommerce.Stub.Data;

namespace MSCommerce.Module.Tests;

/// <summary>Policy as code: export a tenant's baseline, test it for drift, enforce it; each in a tenant of its own.</summary>
[Collection(LocalServiceCollection.Name)]
public sealed class BaselineTests(LocalService service) : IDisposable
{
    private const string PowerBiPro = "CFQ7TTC0H9MP";
    private const string VisioPlan2 = "CFQ7TTC0HD32";
    private const string ProjectPlan3 = "CFQ7TTC0HDB0";
    private const string Products = "/v1.0/policies/AllowSelfServicePurchase/products/";

    private readonly IsolatedTenant _tenant = new(service);
    private readonly BaselineFiles _files = new();

    [Fact]
    public void Export_then_test_then_drift_then_sync_then_test_round_trips_to_the_baseline()
    {
        var shell = _tenant.ConnectedShell();
        var path = _files.PathOf("contoso.json");

        Assert.Empty(shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path", Args(path)).Errors);
        var exported = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal(1, exported.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("Enabled", exported.GetProperty("defaultValue").GetString());
        Assert.Equal("Power BI Pro", exported.GetProperty("products").GetProperty(PowerBiPro).GetProperty("name").GetString());
        Assert.Equal(Catalog.Products.Count, exported.GetProperty("products").EnumerateObject().Count());
        Assert.Equal(4, exported.GetProperty("offerTypes").EnumerateObject().Count());
        Assert.True(Test(shell, path));

        shell.Invoke($"Update-MSCommerceProductPolicy -ProductId {PowerBiPro} -Value Disabled");
        Assert.False(Test(shell, path));

        var sync = shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -PassThru -Confirm:$false", Args(path));
        Assert.Empty(sync.Errors);
        var change = Assert.Single(sync.Output);
        Assert.Equal("MSCommerce.PolicyChange", change.TypeNames[0]);
        Assert.Equal(PowerBiPro, change.Properties["ProductId"].Value);
        Assert.Equal("Disabled", change.Properties["PreviousValue"].Value);
        Assert.Equal("Enabled", change.Properties["NewValue"].Value);
        Assert.True(Test(shell, path));

        service.Admin.ClearRequests();
        var again = shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -PassThru", Args(path));
        Assert.Empty(again.Output);
        Assert.Empty(service.Admin.Requests("PUT"));
    }

    [Fact]
    public void Test_Detailed_names_each_drift_reason()
    {
        var shell = _tenant.ConnectedShell();
        shell.Invoke($"Update-MSCommerceProductPolicy -ProductId {PowerBiPro} -Value Disabled");
        shell.Invoke($"Update-MSCommerceProductPolicy -ProductId {VisioPlan2} -Value Disabled");
        shell.Invoke("Update-MSCommerceProductPolicy -OfferType SaaS -Value Disabled");
        var path = _files.Write("drift.json", $$"""
            {
              "schemaVersion": 1,
              "policyId": "AllowSelfServicePurchase",
              "defaultValue": "Enabled",
              "products": {
                "{{PowerBiPro}}": { "name": "Power BI Pro", "value": "Enabled" },
                "CFQ7TTC0ZZZZ": { "name": "Retired product", "value": "Disabled" }
              },
              "offerTypes": { "SaaS": { "value": "Enabled" } }
            }
            """);

        var drift = shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path -Detailed", Args(path))
            .ToDictionary(item => (string)item.Properties["Id"].Value);

        Assert.Equal(4, drift.Count);
        Assert.All(drift.Values, item => Assert.Equal("MSCommerce.PolicyDrift", item.TypeNames[0]));
        AssertDrift(drift[PowerBiPro], "Drifted", expected: "Enabled", actual: "Disabled");
        AssertDrift(drift[VisioPlan2], "NewProduct", expected: "Enabled", actual: "Disabled");
        AssertDrift(drift["CFQ7TTC0ZZZZ"], "NotInTenant", expected: "Disabled", actual: null);
        AssertDrift(drift["SaaS"], "Drifted", expected: "Enabled", actual: "Disabled");
        Assert.Equal("Visio Plan 2", drift[VisioPlan2].Properties["ProductName"].Value);
        Assert.Equal("SaaS", drift["SaaS"].Properties["OfferType"].Value);
        Assert.Null(drift["SaaS"].Properties["ProductId"].Value);
    }

    [Fact]
    public void Sync_WhatIf_lists_each_change_and_leaves_the_audit_log_untouched()
    {
        var shell = _tenant.ConnectedShell();
        var path = _files.Baseline("whatif.json", "Enabled", (PowerBiPro, "Disabled"), (ProjectPlan3, "OnlyTrialsWithoutPaymentMethod"));
        var audited = service.Admin.AuditCount(_tenant.Domain);
        service.Admin.ClearRequests();

        var result = shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -WhatIf", Args(path));

        Assert.Empty(result.Errors);
        Assert.Empty(service.Admin.Requests("PUT"));
        Assert.Equal(audited, service.Admin.AuditCount(_tenant.Domain));
        Assert.Contains("What if: Performing the operation \"Enabled → Disabled\" on target \"Power BI Pro (CFQ7TTC0H9MP)\"", shell.ConsoleText);
        Assert.Contains("What if: Performing the operation \"Enabled → OnlyTrialsWithoutPaymentMethod\" on target \"Project Plan 3 (CFQ7TTC0HDB0)\"", shell.ConsoleText);
    }

    [Fact]
    public void Sync_with_ReportPath_in_the_connections_tenant_only_is_refused_before_any_request_instead_of_writing_nothing()
    {
        var shell = _tenant.ConnectedShell();
        var path = _files.Baseline("one-tenant.json", "Disabled");
        var report = _files.PathOf("sync-report.json");
        service.Admin.ClearRequests();

        var result = shell.Run("param($Path, $Report) Sync-MSCommercePolicyBaseline -Path $Path -ReportPath $Report -Confirm:$false", new Hashtable { ["Path"] = path, ["Report"] = report });

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ReportPathNeedsTenantId,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Test-MSCommercePolicyBaseline -ReportPath", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Empty(service.Admin.Requests());
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void One_product_refused_is_an_error_record_and_the_other_changes_go_through()
    {
        var shell = _tenant.ConnectedShell();
        var path = _files.Baseline("partial.json", "Disabled");
        service.Admin.Post("_admin/faults", new { method = "PUT", path = Products + PowerBiPro, status = 404, count = 100 });
        try
        {
            var result = shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -PassThru -Confirm:$false", Args(path));

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.StartsWith("Power BI Pro (CFQ7TTC0H9MP): ", error.ToString(), StringComparison.Ordinal);
            Assert.Equal(PowerBiPro, error.TargetObject);
            Assert.Equal(16, result.Output.Count);
            Assert.Contains(result.Progress, record => record.RecordType == ProgressRecordType.Completed);
            Assert.Contains(result.Progress, record => record.StatusDescription == $"{Catalog.Products.Count} of {Catalog.Products.Count} changes (1 failed)");
        }
        finally
        {
            service.Admin.ClearFaults();
        }

        var drift = Assert.Single(shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path -Detailed", Args(path)));
        Assert.Equal(PowerBiPro, drift.Properties["ProductId"].Value);
    }

    [Fact]
    public void Sync_says_in_one_line_what_it_changed_or_that_nothing_differs_which_InformationAction_Ignore_silences()
    {
        var shell = _tenant.ConnectedShell();
        var path = _files.Baseline("lines.json", "Enabled", (PowerBiPro, "Disabled"), (VisioPlan2, "disabled"));
        const string sync = "param($Path) Sync-MSCommercePolicyBaseline -Path $Path -Confirm:$false";

        var shown = shell.Invoke($"{sync} 6>&1", Args(path));
        var again = shell.Invoke($"{sync} 6>&1", Args(path));
        shell.Invoke($"Update-MSCommerceProductPolicy -ProductId {PowerBiPro} -Value Enabled");
        var silent = shell.Invoke($"{sync} -InformationAction Ignore 6>&1", Args(path));

        var line = Assert.Single(shown);
        Assert.Equal($"Changed 2 of 2 policies to match {path}.", line.ToString());
        Assert.Contains("PSHOST", Assert.IsType<InformationRecord>(line.BaseObject).Tags);
        Assert.Equal($"The tenant already matches {path}: nothing to change.", Assert.Single(again).ToString());
        Assert.Empty(silent);
        Assert.True(Test(shell, path));
    }

    [Fact]
    public void A_Global_Readers_sync_stops_at_the_first_refusal_with_one_error_naming_the_product_and_the_roles_that_may()
    {
        var path = _files.Baseline("reader.json", "Disabled");
        using var reader = new ModuleRunspace();
        reader.ConnectWithToken(service, service.Admin.Token(_tenant.AddUser("reader", "GlobalReader"), _tenant.Domain));
        service.Admin.ClearRequests();

        var result = reader.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -ThrottleLimit 1 -Confirm:$false", Args(path));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AccessDenied", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Matches(@"^.+ \(CFQ7TTC0\w+\): .*Billing Administrator.* The sync stopped there: the 16 other change\(s\) were not sent\.$", error.ToString());
        Assert.Contains("Billing Administrator or a Global Administrator", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Single(service.Admin.Requests("PUT"));
        Assert.DoesNotContain(reader.Invoke("Get-MSCommerceProductPolicies"), policy => (string)policy.Properties["PolicyValue"].Value == "Disabled");
    }

    [Fact]
    public void Export_refuses_to_overwrite_without_Force_and_WhatIf_writes_nothing()
    {
        var shell = _tenant.ConnectedShell();
        var path = _files.Write("existing.json", "keep me");

        var refused = shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path", Args(path));
        var error = Assert.Single(refused.Errors);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.StartsWith("BaselineFileExists,", error.FullyQualifiedErrorId);
        Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
        Assert.Equal("keep me", File.ReadAllText(path));

        var whatIf = _files.PathOf("whatif.json");
        Assert.Empty(shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path -WhatIf", Args(whatIf)).Errors);
        Assert.False(File.Exists(whatIf));

        var forced = shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path -Force -DefaultValue Disabled -PassThru", Args(path));
        Assert.Empty(forced.Errors);
        Assert.Equal(path, ((FileInfo)Assert.Single(forced.Output).BaseObject).FullName);
        Assert.Contains("\"defaultValue\": \"Disabled\"", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Export_Force_never_replaces_a_named_pipe_nor_a_device_behind_a_symbolic_link()
    {
        var shell = _tenant.ConnectedShell();
        var pipe = _files.Fifo("pipe.json");
        var link = _files.PathOf("null.json");
        File.CreateSymbolicLink(link, "/dev/null");

        foreach (var (path, message) in new[]
        {
            (pipe, $"'{pipe}' is a named pipe (FIFO), not a file"),
            (link, $"'{link}' is a symbolic link to '/dev/null', which is a character device (like /dev/null or /dev/zero), not a file"),
        })
        {
            service.Admin.ClearRequests();
            var error = Assert.Single(shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path -Force", Args(path)).Errors);

            Assert.StartsWith("BaselinePathNotAFile,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.StartsWith(message, error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(service.Admin.Requests());
        }

        Assert.Equal("fifo", FileType(pipe));
        Assert.Equal("symbolic link", FileType(link));
        Assert.Equal("character special file", FileType("/dev/null"));
    }

    [Fact]
    public void Export_Force_writes_through_a_symbolic_link_to_the_file_it_leads_to()
    {
        var shell = _tenant.ConnectedShell();
        var target = _files.Write("target.json", "old");
        var link = _files.PathOf("link.json");
        File.CreateSymbolicLink(link, target);

        var result = shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path -Force -PassThru", Args(link));

        Assert.Empty(result.Errors);
        Assert.Equal(link, ((FileInfo)Assert.Single(result.Output).BaseObject).FullName);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Contains("\"schemaVersion\": 1", File.ReadAllText(target), StringComparison.Ordinal);
        Assert.True(Test(shell, link));
    }

    /// <summary>What stat(1) calls the path itself (not what a link leads to): "regular file", "fifo", "symbolic link", "character special file".</summary>
    private static string FileType(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%F", path]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        var output = stat.StandardOutput.ReadToEndAsync();
        Assert.True(stat.WaitForExit(TimeSpan.FromSeconds(30)), "stat did not end within 30 s");
        return output.Result.Trim();
    }

    [Fact]
    public void Test_exits_a_CI_step_non_zero_on_drift_and_shows_the_drift_table()
    {
        var shell = _tenant.ConnectedShell();
        var path = _files.Baseline("ci.json", "Enabled", (PowerBiPro, "Disabled"));
        const string step = """
            param($Path)
            $drift = @(Test-MSCommercePolicyBaseline -Path $Path -Detailed)
            if ($drift.Count -gt 0) { $drift | Out-Host; 'exit 1' } else { 'exit 0' }
            """;

        var verdict = shell.Invoke(step, Args(path));

        Assert.Equal("exit 1", Assert.Single(verdict).BaseObject);
        Assert.Matches(@"Expected\s+Actual\s+Product", shell.ConsoleText);
        Assert.Matches(@"Disabled\s+Enabled\s+Power BI Pro \(CFQ7TTC0H9MP\)", shell.ConsoleText);
    }

    [Fact]
    public void A_partner_enforces_a_baseline_in_a_customer_tenant_through_its_connection()
    {
        var partnerDomain = $"p{Guid.NewGuid():N}.onmicrosoft.com";
        var partner = "partner@" + partnerDomain;
        service.Admin.Post("_admin/tenants", new { domain = partnerDomain, country = "US", tenantType = "Commercial" });
        service.Admin.Post($"_admin/tenants/{partnerDomain}/users", new { userPrincipalName = partner, roles = Array.Empty<string>() });
        service.Admin.Post($"_admin/tenants/{_tenant.Domain}/delegations", new { partnerTenant = partnerDomain, userPrincipalName = partner, roles = new[] { "BillingAdministrator" } });
        using var shell = new ModuleRunspace();
        var path = _files.Baseline("customer.json", "Enabled", (PowerBiPro, "Disabled"));

        var result = shell.Run("""
            param($Endpoint, $Token, $Certificate, $Path)
            $customers = @(Connect-MSCommerce -Endpoint $Endpoint -AccessToken $Token -TrustedCertificate $Certificate -PassThru)
            foreach ($customer in $customers) {
                Sync-MSCommercePolicyBaseline -Path $Path -Connection $customer -Confirm:$false
                Test-MSCommercePolicyBaseline -Path $Path -Connection $customer
            }
            """, new Hashtable { ["Endpoint"] = service.BaseAddress, ["Token"] = ModuleRunspace.Secure(service.Admin.Token(partner, _tenant.Domain)), ["Certificate"] = service.Certificate, ["Path"] = path });

        Assert.Empty(result.Errors);
        Assert.True((bool)Assert.Single(result.Output).BaseObject);
        Assert.Contains(service.Admin.Get($"_admin/tenants/{_tenant.Domain}/audit").EnumerateArray(), entry => entry.GetProperty("scopeId").GetString() == PowerBiPro);
    }

    [Fact]
    public void Values_in_any_case_are_read_as_the_value_they_spell_and_Export_writes_them_as_the_service_spells_them()
    {
        var shell = _tenant.ConnectedShell();
        shell.Invoke($"Update-MSCommerceProductPolicy -ProductId {PowerBiPro} -Value disabled -Confirm:$false");
        var path = _files.Baseline("any-case.json", "enabled", (PowerBiPro, "DISABLED"), (VisioPlan2, "Disabled"));

        var drift = Assert.Single(shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path -Detailed", Args(path)));
        AssertDrift(drift, "Drifted", expected: "Disabled", actual: "Enabled");
        Assert.Equal(VisioPlan2, drift.Properties["ProductId"].Value);

        var exported = _files.PathOf("exported.json");
        Assert.Empty(shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path -DefaultValue disabled", Args(exported)).Errors);
        var written = JsonDocument.Parse(File.ReadAllText(exported)).RootElement;
        Assert.Equal("Disabled", written.GetProperty("defaultValue").GetString());
        Assert.Equal("Disabled", written.GetProperty("products").GetProperty(PowerBiPro).GetProperty("value").GetString());
    }

    private static bool Test(ModuleRunspace shell, string path) => (bool)Assert.Single(shell.Invoke("param($Path) Test-MSCommercePolicyBaseline -Path $Path", Args(path))).BaseObject;

    private static void AssertDrift(PSObject drift, string reason, string expected, string? actual)
    {
        Assert.Equal(reason, drift.Properties["Reason"].Value.ToString());
        Assert.Equal(expected, drift.Properties["Expected"].Value);
        Assert.Equal(actual, drift.Properties["Actual"].Value);
    }

    /// <summary>The file as the script's $Path parameter, so paths with spaces or quotes need no escaping.</summary>
    private static Hashtable Args(string path) => new() { ["Path"] = path };

    public void Dispose()
    {
        _tenant.Dispose();
        _files.Dispose();
    }
}
