using Xunit.Abstractions;

namespace MSCommerce.Stub.Tests.Layers;

/// <summary>
/// The service's layers point one way (src/MSCommerce.Stub/README.md, Layout): the HTTP surfaces
/// (Testing's /_admin over Api's REST API, Identity.Endpoints' sign-in) over Rules and Identity, both
/// over Data; Domain and Hosting serve all and use none. Read from the built assembly, so a reach-back
/// fails here whichever file it hides in.
/// </summary>
public sealed class ServiceLayerTests(ITestOutputHelper output)
{
    private const string Root = "MSCommerce.Stub";

    /// <summary>Every namespace of the service and the service namespaces it may use besides its own.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MayUse = new Dictionary<string, string[]>
    {
        [""] = ["*"], // Program: the executable's entry point
        [Root] = ["*"], // CommerceService, its options and command line: the composition root
        [$"{Root}.Testing"] = [$"{Root}.Api", $"{Root}.Identity.SignIn", $"{Root}.Identity", $"{Root}.Rules", $"{Root}.Data", $"{Root}.Domain", $"{Root}.Hosting"],
        [$"{Root}.Api"] = [$"{Root}.Identity", $"{Root}.Rules", $"{Root}.Data", $"{Root}.Domain", $"{Root}.Hosting"],
        [$"{Root}.Identity.Endpoints"] = [$"{Root}.Identity.SignIn", $"{Root}.Identity", $"{Root}.Data", $"{Root}.Domain", $"{Root}.Hosting"],
        [$"{Root}.Identity.SignIn"] = [$"{Root}.Identity", $"{Root}.Data", $"{Root}.Domain", $"{Root}.Hosting"],
        [$"{Root}.Identity"] = [$"{Root}.Data", $"{Root}.Domain", $"{Root}.Hosting"],
        [$"{Root}.Seeding"] = [$"{Root}.Rules", $"{Root}.Data", $"{Root}.Domain", $"{Root}.Hosting"],
        [$"{Root}.Rules"] = [$"{Root}.Data", $"{Root}.Domain", $"{Root}.Hosting"],
        [$"{Root}.Data"] = [$"{Root}.Domain", $"{Root}.Hosting"],
        [$"{Root}.Domain"] = [],
        [$"{Root}.Hosting"] = [],
    };

    /// <summary>The demo identities are public constants of the root namespace that the seeders and the sign-in page name.</summary>
    public static readonly IReadOnlySet<string> UsableByAll = new HashSet<string> { $"{Root}.DemoData" };

    [Fact]
    public void No_layer_reaches_back()
    {
        var references = TypeReferences.Read(typeof(CommerceService).Assembly.Location);

        var violations = LayerPolicy.Violations(references, MayUse, UsableByAll);

        foreach (var violation in violations)
        {
            output.WriteLine(violation);
        }

        Assert.True(violations.Count == 0, $"{violations.Count} references reach back:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    [Fact]
    public void No_source_file_imports_a_layer_above_it()
    {
        var imports = UsingDirectives.Read(Path.Combine(RepositoryRoot(), "src", "MSCommerce.Stub"), Root);

        // The root namespace is imported for DemoData's constants; the assembly test judges the root's other types.
        var violations = LayerPolicy.Violations(imports.Where(import => import.ToNamespace != Root), MayUse, UsableByAll);

        Assert.NotEmpty(imports);
        Assert.True(violations.Count == 0, $"{violations.Count} using directives reach back:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    [Fact]
    public void An_import_against_the_table_is_a_violation()
    {
        var imports = UsingDirectives.Imports("Data/Seeder.cs", "using System.Text;\nusing MSCommerce.Stub.Domain;\nusing MSCommerce.Stub.Identity;\n\nnamespace MSCommerce.Stub.Data;\n", Root);

        var violations = LayerPolicy.Violations(imports, MayUse, UsableByAll);

        Assert.Equal(["MSCommerce.Stub.Data uses MSCommerce.Stub.Identity: Data/Seeder.cs -> MSCommerce.Stub.Identity"], violations);
    }

    [Fact]
    public void The_service_has_a_rule_for_every_namespace_it_has()
    {
        var namespaces = typeof(CommerceService).Assembly.GetTypes()
            .Select(type => type.Namespace ?? "")
            .Where(name => !name.StartsWith("Microsoft.", StringComparison.Ordinal) && !name.StartsWith("System.", StringComparison.Ordinal))
            .Distinct();

        Assert.All(namespaces, name => Assert.True(MayUse.ContainsKey(name), $"{name} has no rule in {nameof(MayUse)}"));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MSCommerce.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("MSCommerce.sln was not found above the test folder.");
    }
}
