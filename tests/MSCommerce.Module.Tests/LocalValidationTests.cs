using System.Collections;
using System.Management.Automation;

namespace MSCommerce.Module.Tests;

/// <summary>Names that go into a URL are checked before any request: '.' and '..' would collapse in the URL and reach another resource.</summary>
[Collection(LocalServiceCollection.Name)]
public sealed class LocalValidationTests(LocalService service) : IDisposable
{
    private readonly ModuleRunspace _shell = ModuleRunspace.ConnectedAsAdmin(service);
    private readonly BaselineFiles _files = new();

    public static TheoryData<string, string> MalformedNames => new()
    {
        { "Get-MSCommercePolicy -PolicyId '..'", "InvalidPolicyId" },
        { "Get-MSCommercePolicy -PolicyId '.'", "InvalidPolicyId" },
        { "Get-MSCommerceProductPolicies -PolicyId '..'", "InvalidPolicyId" },
        { "Get-MSCommerceProductPolicies -PolicyId '.' -Scope OfferType", "InvalidPolicyId" },
        { "Get-MSCommerceProductPolicy -PolicyId '..' -ProductId CFQ7TTC0H9MP", "InvalidPolicyId" },
        { "Get-MSCommerceProductPolicy -OfferType '..'", "InvalidOfferType" },
        { "Get-MSCommerceProductPolicy -OfferType 'SaaS/../x'", "InvalidOfferType" },
        { "Get-MSCommerceProductPolicy -ProductId '..'", "InvalidProductId" },
        { "Update-MSCommerceProductPolicy -PolicyId '..' -ProductId CFQ7TTC0H9MP -Value Disabled -Confirm:$false", "InvalidPolicyId" },
        { "Update-MSCommerceProductPolicy -PolicyId '.' -ProductId CFQ7TTC0H9MP -Enabled $false -Confirm:$false", "InvalidPolicyId" },
        { "Update-MSCommerceProductPolicy -OfferType '..' -Value Disabled -Confirm:$false", "InvalidOfferType" },
        { "Update-MSCommerceProductPolicy -ProductId '.' -Value Disabled -Confirm:$false", "InvalidProductId" },
    };

    [Theory]
    [MemberData(nameof(MalformedNames))]
    public void A_name_that_cannot_exist_is_an_InvalidArgument_error_and_sends_no_request(string command, string errorId)
    {
        service.Admin.ClearRequests();

        var result = _shell.Run(command);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorDetails.RecommendedAction));
        Assert.Empty(result.Output);
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void Export_with_a_policy_id_that_cannot_exist_sends_no_request_and_writes_nothing()
    {
        var path = _files.PathOf("dots.json");
        service.Admin.ClearRequests();

        var error = Assert.Single(_shell.Run("param($Path) Export-MSCommercePolicyBaseline -PolicyId '..' -Path $Path", new Hashtable { ["Path"] = path }).Errors);

        Assert.StartsWith("InvalidPolicyId,", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(path));
        Assert.Empty(service.Admin.Requests());
    }

    [Fact]
    public void A_baseline_whose_policy_id_cannot_exist_is_refused_before_any_request()
    {
        var path = _files.Write("dots.json", """{ "schemaVersion": 1, "policyId": "..", "defaultValue": "Enabled" }""");
        service.Admin.ClearRequests();

        var error = Assert.Single(_shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -Confirm:$false", new Hashtable { ["Path"] = path }).Errors);

        Assert.StartsWith("InvalidBaseline,", error.FullyQualifiedErrorId);
        Assert.Contains("line 1, column 35, policyId: '..' is not a policy id", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(service.Admin.Requests());
    }

    public void Dispose()
    {
        _shell.Dispose();
        _files.Dispose();
    }
}
