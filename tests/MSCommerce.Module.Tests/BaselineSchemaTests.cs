using System.Collections;
using System.Text.Json;
using Json.Schema;

namespace MSCommerce.Module.Tests;

/// <summary>The JSON Schema the module ships agrees with what the module writes and reads.</summary>
[Collection(LocalServiceCollection.Name)]
public sealed class BaselineSchemaTests(LocalService service) : IDisposable
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(
        Path.Combine(Path.GetDirectoryName(MSCommerce.EngineHost.ModuleLocator.FindManifest())!, "MSCommerce.PolicyBaseline.schema.json")));

    private readonly BaselineFiles _files = new();

    [Fact]
    public void An_exported_baseline_is_valid_against_the_shipped_schema()
    {
        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);
        var path = _files.PathOf("exported.json");
        Assert.Empty(shell.Run("param($Path) Export-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = path }).Errors);

        Assert.True(IsValid(File.ReadAllText(path)));
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Disabled", "products": { "CFQ7TTC0H9MP": { "name": "Power BI Pro", "value": "Enabled" } }, "offerTypes": { "SaaS": { "value": "Disabled" } } }""", true)]
    [InlineData("""{ "$schema": "./MSCommerce.PolicyBaseline.schema.json", "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "OnlyTrialsWithoutPaymentMethod" }""", true)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Enabled", "extra": true }""", false)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "disabled" }""", true)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "onlytrialswithoutpaymentmethod", "offerTypes": { "SaaS": { "value": "ENABLED" } } }""", true)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Disable" }""", false)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": " Enabled" }""", false)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Enabled", "offerTypes": { "SaaS": { "value": "onlyTrialsWithoutPaymentMethod" } } }""", false)]
    [InlineData("""{ "schemaVersion": 2, "policyId": "AllowSelfServicePurchase", "defaultValue": "Enabled" }""", false)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase" }""", false)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Enabled", "offerTypes": { "SaaS": { "value": "OnlyTrialsWithoutPaymentMethod" } } }""", false)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Enabled", "products": { "Power BI Pro": { "value": "Enabled" } } }""", false)]
    [InlineData("""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "Enabled", "products": { "CFQ7TTC0H9MP": { "value": "Enabled", "note": "x" } } }""", false)]
    public void The_schema_accepts_and_refuses_what_the_module_accepts_and_refuses(string json, bool valid)
    {
        Assert.Equal(valid, IsValid(json));

        using var shell = new ModuleRunspace();
        shell.ConnectAsAdmin(service);
        var result = shell.Run("param($Path) Test-MSCommercePolicyBaseline -Path $Path", new Hashtable { ["Path"] = _files.Write(Guid.NewGuid().ToString("N") + ".json", json) });
        Assert.Equal(valid, !result.Errors.Any(error => error.FullyQualifiedErrorId.StartsWith("InvalidBaseline,", StringComparison.Ordinal)));
    }

    private static bool IsValid(string json) => Schema.Evaluate(JsonDocument.Parse(json).RootElement).IsValid;

    public void Dispose() => _files.Dispose();
}
