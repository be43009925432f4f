using System.Management.Automation;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace MSCommerce.Module.Tests;

/// <summary>
/// Generated parameters for every cmdlet that takes a name, a value or a path, in the hosted engine
/// against a service of its own: locally invalid ones send no request (the service's request log
/// says), every error is an ErrorRecord with a stable id (never a raw .NET exception), and the
/// tenant's policies are the same after as before.
/// </summary>
public sealed partial class CmdletParameterProperties(LocalService service, CaseCounts counts, ITestOutputHelper output) : IClassFixture<LocalService>, IClassFixture<CaseCounts>, IDisposable
{
    private const int Cases = 600;
    private readonly BaselineFiles _files = new();

    private static readonly string[] Odd =
    [
        ".", "..", "../..", "./x", "a/b", "a\\b", "%2e%2e", "%2F", "x?y", "x#y", " ", "\t", "CFQ7 TTC0H9MP", "ü", "\uD800", "\uDC00x", "a\0b",
        new string('A', 65), "AllowSelfServicePurchase/..", "SaaS/../x", "*", "[a]", "$x", "'", "\"", "`", "\r\n", "CFQ7TTC0H9MP.", "-",
    ];

    private static readonly string[] Known = ["AllowSelfServicePurchase", "CFQ7TTC0H9MP", "CFQ7TTC0HD32", "SaaS", "DYNAMICSBC", "NoSuchPolicy", "CFQ7TTC0ZZZZ", "X"];

    private static readonly string[] Values = ["Enabled", "disabled", "OnlyTrialsWithoutPaymentMethod", "ENABLED", "On", " Enabled", "Enabled ", "..", "1"];

    private static readonly string[] Booleans = ["$true", "$False", "true", "False", " true ", "yes", "1", "0", "$null", "tru"];

    [Fact]
    public void Locally_invalid_parameters_send_nothing_and_every_error_is_a_typed_ErrorRecord()
    {
        using var tenant = new IsolatedTenant(service);
        var shell = tenant.ConnectedShell();
        var before = Policies(shell);
        var auditBefore = service.Admin.AuditCount(tenant.Domain);
        var tally = new Dictionary<string, int>();
        var tried = 0;

        var property = Prop.ForAll(Arb.From(Invocations(_files.PathOf(""))), invocation =>
        {
            tried++;
            service.Admin.ClearRequests();
            using var powershell = shell.NewPowerShell();
            powershell.AddCommand(invocation.Command);
            foreach (var (name, value) in invocation.Parameters)
            {
                powershell.AddParameter(name, value);
            }

            var errors = new List<ErrorRecord>();
            ErrorRecord? bindingError = null;
            try
            {
                powershell.Invoke();
            }
            catch (RuntimeException stopped)
            {
                // What a script sees as the statement's error: parameter binding refused, or a terminating error.
                errors.Add(stopped.ErrorRecord);
                bindingError = stopped is ParameterBindingException ? stopped.ErrorRecord : null;
            }

            errors.AddRange(powershell.Streams.Error);
            var sent = service.Admin.Requests().Count;

            foreach (var error in errors)
            {
                var id = error.FullyQualifiedErrorId.Split(',')[0];
                Assert.True(StableId().IsMatch(id) && id != "UnexpectedError", $"{invocation}: error id '{error.FullyQualifiedErrorId}' ({error.Exception.GetType()}: {error.Exception.Message})");
                if (!ReferenceEquals(error, bindingError))
                {
                    Assert.False(string.IsNullOrWhiteSpace(error.ErrorDetails?.RecommendedAction), $"{invocation}: {id} has no recommended action");
                }

                lock (tally)
                {
                    tally[id] = tally.GetValueOrDefault(id) + 1;
                }
            }

            if (invocation.LocallyInvalid || errors.Any(error => error.FullyQualifiedErrorId.StartsWith("Baseline", StringComparison.Ordinal)))
            {
                Assert.True(sent == 0, $"{invocation}: locally invalid, yet {sent} requests were sent ({string.Join("; ", errors.Select(error => error.FullyQualifiedErrorId))})");
                Assert.NotEmpty(errors);
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), property);

        Assert.Equal(Cases, tried);
        Assert.Equal(before, Policies(shell));
        Assert.Equal(auditBefore, service.Admin.AuditCount(tenant.Domain));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_files.PathOf("")));
        counts.Report(output, $"Cmdlet parameters: {tried} generated invocations, 0 raw exceptions, tenant unchanged; errors by id: "
            + string.Join(", ", tally.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Key} {pair.Value}")));
    }

    /// <summary>One generated call: the cmdlet, its parameters, and whether they can be refused without asking the service.</summary>
    public sealed record Invocation(string Command, IReadOnlyList<(string Name, object Value)> Parameters, bool LocallyInvalid)
    {
        public override string ToString() =>
            $"{Command} {string.Join(" ", Parameters.Select(parameter => $"-{parameter.Name} '{Escape(parameter.Value)}'"))} (locally invalid: {LocallyInvalid})";

        private static string Escape(object value) =>
            value is string text ? string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString())) : value.ToString() ?? "";
    }

    private static Gen<Invocation> Invocations(string folder)
    {
        var names = Gen.Frequency(
            (3, Gen.Elements(Known)),
            (3, Gen.Elements(Odd)),
            (2, ArbMap.Default.GeneratorFor<string>().Where(text => text != null)));
        var values = Gen.OneOf(Gen.Elements(Values), ArbMap.Default.GeneratorFor<string>().Where(text => text != null));
        var booleans = Gen.OneOf(Gen.Elements(Booleans), ArbMap.Default.GeneratorFor<string>().Where(text => text != null));
        var paths = names.Select(name => Path.Combine(folder, name));
        return Gen.OneOf(
            names.Select(policy => Call("Get-MSCommercePolicy", !IsName(policy), ("PolicyId", policy))),
            names.Select(policy => Call("Get-MSCommerceProductPolicies", !IsName(policy), ("PolicyId", policy))),
            from policy in names from product in names
            select Call("Get-MSCommerceProductPolicy", !IsName(policy) || !IsName(product), ("PolicyId", policy), ("ProductId", product)),
            names.Select(offer => Call("Get-MSCommerceProductPolicy", !IsName(offer), ("OfferType", offer))),
            from policy in names from product in names from value in values
            select Call("Update-MSCommerceProductPolicy", !IsName(policy) || !IsName(product) || !IsValue(value), ("PolicyId", policy), ("ProductId", product), ("Value", value), ("WhatIf", true)),
            from product in names from enabled in booleans
            select Call("Update-MSCommerceProductPolicy", !IsName(product) || !IsBoolean(enabled), ("ProductId", product), ("Enabled", enabled), ("WhatIf", true)),
            from offer in names from value in values
            select Call("Update-MSCommerceProductPolicy", !IsName(offer) || !IsValue(value) || IsOnlyTrials(value), ("OfferType", offer), ("Value", value), ("WhatIf", true)),
            paths.Select(path => Call("Test-MSCommercePolicyBaseline", true, ("Path", path))),
            from path in paths from policy in names
            select Call("Export-MSCommercePolicyBaseline", !IsName(policy) || Directory.Exists(path), ("Path", path), ("PolicyId", policy), ("WhatIf", true)));
    }

    private static Invocation Call(string command, bool locallyInvalid, params (string Name, object Value)[] parameters) => new(command, parameters, locallyInvalid);

    /// <summary>What the module documents as a policy id, product id or offer type: letters, digits, '-' and '_', at most 64.</summary>
    private static bool IsName(string name) => WellFormedName().IsMatch(name);

    private static bool IsValue(string value) => new[] { "Enabled", "Disabled", "OnlyTrialsWithoutPaymentMethod" }.Contains(value, StringComparer.OrdinalIgnoreCase);

    private static bool IsOnlyTrials(string value) => string.Equals(value, "OnlyTrialsWithoutPaymentMethod", StringComparison.OrdinalIgnoreCase);

    private static bool IsBoolean(string text) => !string.IsNullOrEmpty(text) && bool.TryParse(text.Trim().TrimStart('$'), out _);

    private static List<string> Policies(ModuleRunspace shell) =>
        shell.Invoke("Get-MSCommerceProductPolicies").Select(policy => $"{policy.Properties["ProductId"].Value}={policy.Properties["PolicyValue"].Value}").ToList();

    /// <summary>An id of our own or the engine's (ParameterArgumentValidationError...), not an exception's type name.</summary>
    [GeneratedRegex("^[A-Za-z]+$")]
    private static partial Regex StableId();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex WellFormedName();

    public void Dispose() => _files.Dispose();
}
