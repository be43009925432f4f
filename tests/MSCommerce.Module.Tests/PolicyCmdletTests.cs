using System.Collections;
using System.Management.Automation;
using MSCommerce.Stub;
using MSCommerce.Stub.Data;

namespace MSCommerce.Module.Tests;

/// <summary>The parity cmdlets against the local commerce service, as an admin at a console uses them.</summary>
[Collection(LocalServiceCollection.Name)]
public sealed class PolicyCmdletTests(LocalService service) : IDisposable
{
    private readonly ModuleRunspace _shell = ModuleRunspace.ConnectedAsAdmin(service);

    [Fact]
    public void Get_MSCommercePolicies_lists_AllowSelfServicePurchase_with_its_default()
    {
        var policy = Assert.Single(_shell.Invoke("Get-MSCommercePolicies"));

        Assert.Equal("MSCommerce.Policy", policy.TypeNames[0]);
        Assert.Equal("AllowSelfServicePurchase", policy.Properties["PolicyId"].Value);
        Assert.Equal("Enabled", policy.Properties["DefaultValue"].Value);
        Assert.False(string.IsNullOrWhiteSpace((string)policy.Properties["Description"].Value));
    }

    [Fact]
    public void Get_MSCommercePolicy_of_an_unknown_policy_is_an_ObjectNotFound_error()
    {
        var result = _shell.Run("Get-MSCommercePolicy -PolicyId NoSuchPolicy");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("PolicyNotFound,", error.FullyQualifiedErrorId);
        Assert.Contains("Correlation id:", error.Exception.Message);
    }

    [Fact]
    public void Offer_types_are_listed_with_scope_columns()
    {
        var offerTypes = _shell.Invoke("Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase -Scope OfferType");

        Assert.Equal(["DYNAMICSBC", "DYNAMICSCE", "POWERBIVISUALS", "SaaS"], offerTypes.Select(item => (string)item.Properties["ScopeId"].Value));
        Assert.All(offerTypes, item => Assert.Equal("MSCommerce.OfferTypePolicy", item.TypeNames[0]));
        Assert.All(offerTypes, item => Assert.Equal("OfferType", item.Properties["Scope"].Value));
    }

    [Fact]
    public void An_unknown_scope_is_refused_before_any_request()
    {
        service.Admin.ClearRequests();

        var result = _shell.Run("Get-MSCommerceProductPolicies -Scope Tenant");

        Assert.Contains("ParameterArgumentValidationError", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void Get_MSCommerceProductPolicy_returns_one_product_and_one_offer_type()
    {
        var product = Assert.Single(_shell.Invoke("Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId CFQ7TTC0HD33"));
        var offerType = Assert.Single(_shell.Invoke("Get-MSCommerceProductPolicy -OfferType POWERBIVISUALS"));

        Assert.Equal("Visio Plan 1", product.Properties["ProductName"].Value);
        Assert.Equal("Power BI visuals", offerType.Properties["ScopeValue"].Value);
    }

    [Fact]
    public void An_unknown_product_is_an_ObjectNotFound_error_naming_the_product()
    {
        var result = _shell.Run("Get-MSCommerceProductPolicy -ProductId CFQ7TTC0ZZZZ");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ProductPolicyNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("CFQ7TTC0ZZZZ", error.TargetObject);
        Assert.Contains("Get-MSCommerceProductPolicies", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void A_malformed_product_id_is_refused_before_any_request()
    {
        service.Admin.ClearRequests();

        var result = _shell.Run("Get-MSCommerceProductPolicy -ProductId 'CFQ7 TTC0/../H9MP'");

        Assert.StartsWith("InvalidProductId,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void The_original_published_loop_runs_unchanged_and_disables_every_product()
    {
        using var tenant = new IsolatedTenant(service);
        using var shell = tenant.ConnectedShell();

        var result = shell.Run("""
            Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase |
                ForEach-Object { Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $_.ProductId -Enabled $false -Confirm:$false }
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(Catalog.Products.Count, result.Output.Count);
        Assert.All(shell.Invoke("Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase"), product => Assert.Equal("Disabled", product.Properties["PolicyValue"].Value));
    }

    [Theory]
    [InlineData("$true", "Enabled")]
    [InlineData("'True'", "Enabled")]
    [InlineData("$false", "Disabled")]
    [InlineData("'False'", "Disabled")]
    public void Enabled_takes_booleans_and_their_strings_as_the_original_does(string enabled, string expected)
    {
        using var tenant = new IsolatedTenant(service);
        using var shell = tenant.ConnectedShell();
        var opposite = expected == "Enabled" ? "Disabled" : "Enabled";
        shell.Invoke($"Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value {opposite}");

        var updated = Assert.Single(shell.Invoke($"Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Enabled {enabled}"));

        Assert.Equal(expected, updated.Properties["PolicyValue"].Value);
    }

    [Fact]
    public void Enabled_with_anything_else_is_that_calls_error_with_the_original_message_and_sends_nothing()
    {
        service.Admin.ClearRequests();

        var result = _shell.Run("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Enabled maybe");

        var error = Assert.Single(result.Errors);
        Assert.Equal("Value of $Enabled must be one of the following: $True, $true, $False, $false", error.Exception.Message);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(service.Admin.Requests("PUT"));
    }

    [Fact]
    public void Value_is_validated_locally_and_any_case_is_accepted()
    {
        using var tenant = new IsolatedTenant(service);
        using var shell = tenant.ConnectedShell();
        service.Admin.ClearRequests();

        var refused = shell.Run("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Maybe");
        var accepted = Assert.Single(shell.Invoke("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value disabled"));

        Assert.Contains("ParameterArgumentValidationError", Assert.Single(refused.Errors).FullyQualifiedErrorId);
        Assert.Equal("Disabled", accepted.Properties["PolicyValue"].Value);
        Assert.Single(service.Admin.Requests("PUT"));
    }

    [Fact]
    public void OnlyTrialsWithoutPaymentMethod_for_a_product_without_such_trials_is_the_services_InvalidArgument()
    {
        var result = _shell.Run("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value OnlyTrialsWithoutPaymentMethod");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("InvalidPolicyValue,", error.FullyQualifiedErrorId);
        Assert.Contains("does not offer trials without a payment method", error.Exception.Message);
    }

    [Fact]
    public void Offer_types_take_only_Enabled_or_Disabled_and_are_refused_locally_otherwise()
    {
        service.Admin.ClearRequests();

        var result = _shell.Run("Update-MSCommerceProductPolicy -OfferType SaaS -Value OnlyTrialsWithoutPaymentMethod");

        Assert.StartsWith("InvalidPolicyValue,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void Pipeline_by_property_name_updates_products_and_offer_types_without_ForEach_Object()
    {
        using var tenant = new IsolatedTenant(service);
        using var shell = tenant.ConnectedShell();

        var products = shell.Invoke("Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase | Where-Object ProductId -like 'CFQ7TTC0HD3*' | Update-MSCommerceProductPolicy -Value Disabled");
        var offerTypes = shell.Invoke("Get-MSCommerceProductPolicies -Scope OfferType | Update-MSCommerceProductPolicy -Value Disabled");

        Assert.Equal(["CFQ7TTC0HD32", "CFQ7TTC0HD33"], products.Select(item => (string)item.Properties["ProductId"].Value));
        Assert.All(products.Concat(offerTypes), item => Assert.Equal("Disabled", item.Properties["PolicyValue"].Value));
        Assert.Equal(4, offerTypes.Count);
    }

    [Fact]
    public void Piped_policies_are_updated_without_reading_each_product_again()
    {
        using var tenant = new IsolatedTenant(service);
        using var shell = tenant.ConnectedShell();
        service.Admin.ClearRequests();

        var products = shell.Invoke("Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase | Where-Object ProductName -like 'Power*' | Update-MSCommerceProductPolicy -Value Disabled");

        Assert.True(products.Count >= 3, $"{products.Count} products updated.");
        Assert.All(products, item => Assert.Equal("Disabled", item.Properties["PolicyValue"].Value));
        Assert.Single(service.Admin.Requests("GET"));
        Assert.Equal(products.Count, service.Admin.Requests("PUT").Count);
    }

    [Fact]
    public void A_piped_policy_for_another_product_than_ProductId_names_is_read_before_it_is_changed()
    {
        using var tenant = new IsolatedTenant(service);
        using var shell = tenant.ConnectedShell();
        service.Admin.ClearRequests();

        var updated = Assert.Single(shell.Invoke("Get-MSCommerceProductPolicy -ProductId CFQ7TTC0HD32 | Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled"));

        Assert.Equal("CFQ7TTC0H9MP", updated.Properties["ProductId"].Value);
        Assert.Equal("Power BI Pro", updated.Properties["ProductName"].Value);
        Assert.Equal(2, service.Admin.Requests("GET").Count);
    }

    [Fact]
    public void WhatIf_names_the_product_and_the_change_and_sends_no_change()
    {
        service.Admin.ClearRequests();

        _shell.Invoke("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -WhatIf | Out-Default");

        Assert.Contains("What if: Performing the operation \"Enabled → Disabled\" on target \"Power BI Pro (CFQ7TTC0H9MP)\".", _shell.ConsoleText);
        Assert.Empty(service.Admin.Requests("PUT"));
    }

    [Fact]
    public void An_update_to_the_value_already_set_is_reported_and_not_sent()
    {
        service.Admin.ClearRequests();

        var result = _shell.Run("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0LH05 -Value Enabled -Verbose");

        Assert.Equal("Enabled", Assert.Single(result.Output).Properties["PolicyValue"].Value);
        Assert.Contains(result.Verbose, line => line.Contains("Microsoft 365 F3 (CFQ7TTC0LH05) is already Enabled"));
        Assert.Empty(service.Admin.Requests("PUT"));
    }

    [Fact]
    public void One_failed_item_does_not_stop_the_rest_of_the_pipeline()
    {
        using var tenant = new IsolatedTenant(service);
        using var shell = tenant.ConnectedShell();

        var result = shell.Run("'CFQ7TTC0H9MP', 'CFQ7TTC0NONE', 'CFQ7TTC0HD33' | ForEach-Object { [pscustomobject]@{ ProductId = $_ } } | Update-MSCommerceProductPolicy -Value Disabled");

        Assert.Equal(["CFQ7TTC0H9MP", "CFQ7TTC0HD33"], result.Output.Select(item => (string)item.Properties["ProductId"].Value));
        var error = Assert.Single(result.Errors);
        Assert.Equal("CFQ7TTC0NONE", error.TargetObject);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("ProductPolicyNotFound,", error.FullyQualifiedErrorId);
        Assert.Contains("Correlation id:", error.Exception.Message);
    }

    [Fact]
    public void Verbose_narrates_each_HTTP_call_with_status_time_and_correlation_id()
    {
        var result = _shell.Run("Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Verbose");

        Assert.Contains(result.Verbose, line => System.Text.RegularExpressions.Regex.IsMatch(line,
            @"^GET /v1\.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0H9MP -> 200 OK in \d+ ms, attempt 1, correlation id [0-9a-f-]{36}$"));
    }

    [Fact]
    public void Verbose_narrates_each_throttled_attempt_once_with_its_retry_and_the_last_one_without()
    {
        using var shell = new ModuleRunspace();
        Assert.Empty(shell.Run("param($Endpoint, $AccessToken, $Certificate) Connect-MSCommerce -Endpoint $Endpoint -AccessToken $AccessToken -TrustedCertificate $Certificate -MaxRetryCount 2",
            new Hashtable { ["Endpoint"] = service.BaseAddress, ["AccessToken"] = ModuleRunspace.Secure(service.Admin.Token(DemoData.AdminUpn)), ["Certificate"] = service.Certificate }).Errors);
        const string path = "/v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0HD32";
        InvocationResult retried, refused;
        service.Admin.Post("_admin/faults", new { method = "GET", path, status = 429, count = 1, retryAfterSeconds = 0 });
        try
        {
            retried = shell.Run("Get-MSCommerceProductPolicy -ProductId CFQ7TTC0HD32 -Verbose");
            service.Admin.Post("_admin/faults", new { method = "GET", path, status = 429, count = 100, retryAfterSeconds = 0 });
            refused = shell.Run("Get-MSCommerceProductPolicy -ProductId CFQ7TTC0HD32 -Verbose");
        }
        finally
        {
            service.Admin.ClearFaults();
        }

        Assert.Empty(retried.Errors);
        Assert.Matches(@"^GET /v1\.0/\S+/CFQ7TTC0HD32 -> 429 TooManyRequests in \d+ ms, attempt 1(, correlation id \S+)?; retrying in [\d.,]+ s$",
            Assert.Single(retried.Verbose, line => line.Contains("429", StringComparison.Ordinal)));
        Assert.Single(retried.Verbose, line => line.Contains("-> 200 OK", StringComparison.Ordinal) && line.Contains("attempt 2", StringComparison.Ordinal));
        var throttled = refused.Verbose.Where(line => line.Contains("429", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, throttled.Count);
        Assert.Equal(["attempt 1", "attempt 2", "attempt 3"], throttled.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"attempt \d").Value));
        Assert.All(throttled.Take(2), line => Assert.Contains("; retrying in", line, StringComparison.Ordinal));
        Assert.DoesNotContain("retrying", throttled[2], StringComparison.Ordinal);
        Assert.Single(refused.Errors);
    }

    [Fact]
    public void Token_overrides_the_connection_for_one_call()
    {
        var readerToken = service.Admin.Token(DemoData.GlobalReaderUpn);

        var read = _shell.Run("param($t) Get-MSCommercePolicy -Token $t", new Hashtable { ["t"] = readerToken });
        var change = _shell.Run("param($t) Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -Token $t", new Hashtable { ["t"] = readerToken });

        Assert.Single(read.Output);
        var denied = Assert.Single(change.Errors);
        Assert.Equal(ErrorCategory.PermissionDenied, denied.CategoryInfo.Category);
        Assert.Contains("Billing Administrator or Global Administrator", denied.Exception.Message);
    }

    [Fact]
    public void An_expired_token_is_the_originals_AuthenticationError()
    {
        using var shell = new ModuleRunspace();
        shell.ConnectWithToken(service, service.Admin.Token(DemoData.AdminUpn, lifetimeSeconds: -120));

        var error = Assert.Single(shell.Run("Get-MSCommercePolicies").Errors);

        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith("Unauthorized,", error.FullyQualifiedErrorId);
        Assert.Contains("Your credentials have expired. Please, call Connect-MSCommerce again", error.ErrorDetails.Message);
    }

    [Fact]
    public void Tab_completion_offers_product_ids_with_names_from_the_cached_catalog()
    {
        // The listing fills the catalog; without it the first Tab waits for the product list only a moment (CompletionCatalogTests).
        _shell.Invoke("Get-MSCommerceProductPolicies");

        var completions = CommandCompletion.CompleteInput("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0HD3", "Update-MSCommerceProductPolicy -ProductId CFQ7TTC0HD3".Length, null, PowerShellIn(_shell));

        Assert.Equal(["CFQ7TTC0HD32", "CFQ7TTC0HD33"], completions.CompletionMatches.Select(match => match.CompletionText));
        Assert.Equal(["Visio Plan 2", "Visio Plan 1"], completions.CompletionMatches.Select(match => match.ToolTip));
    }

    [Fact]
    public void Tab_completion_offers_offer_types_and_values()
    {
        var offerTypes = CommandCompletion.CompleteInput("Get-MSCommerceProductPolicy -OfferType D", "Get-MSCommerceProductPolicy -OfferType D".Length, null, PowerShellIn(_shell));
        var values = CommandCompletion.CompleteInput("Update-MSCommerceProductPolicy -Value O", "Update-MSCommerceProductPolicy -Value O".Length, null, PowerShellIn(_shell));

        Assert.Equal(["DYNAMICSBC", "DYNAMICSCE"], offerTypes.CompletionMatches.Select(match => match.CompletionText));
        Assert.Equal(["OnlyTrialsWithoutPaymentMethod"], values.CompletionMatches.Select(match => match.CompletionText));
    }

    private static PowerShell PowerShellIn(ModuleRunspace shell) => shell.NewPowerShell();

    public void Dispose() => _shell.Dispose();
}
