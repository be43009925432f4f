using MSCommerce.HelpBuilder;

namespace MSCommerce.Shell.Tests;

/// <summary>Every exported cmdlet has complete help, and Get-Help shows its examples in the hosted engine.</summary>
public sealed class HelpCompletenessTests : IDisposable
{
    private static readonly string Manifest = Path.Combine(ShellProcess.RepositoryRoot, "out", "SelfServicePurchase", "SelfServicePurchase.psd1");
    private static readonly string Sources = Path.Combine(ShellProcess.RepositoryRoot, "docs", "help");

    private readonly ShellProcess _shell = new();

    public static TheoryData<string> Cmdlets()
    {
        var data = new TheoryData<string>();
        foreach (var cmdlet in ModuleCommands.Exported(Manifest))
        {
            data.Add(cmdlet.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_has_synopsis_description_examples_every_parameter_inputs_and_outputs(string name)
    {
        var cmdlet = ModuleCommands.Exported(Manifest).Single(candidate => candidate.Name == name);
        var source = Path.Combine(Sources, name + ".md");

        Assert.True(File.Exists(source), $"{name} has no help source at {source}.");
        Assert.Empty(HelpCompleteness.Problems(cmdlet, MarkdownHelpReader.Read(source)));
    }

    [Fact]
    public void The_module_exports_the_six_commands_of_Microsofts_module_and_ours()
    {
        var names = ModuleCommands.Exported(Manifest).Select(cmdlet => cmdlet.Name).ToList();

        Assert.Subset(names.ToHashSet(), new HashSet<string>
        {
            "Connect-MSCommerce", "Get-MSCommercePolicies", "Get-MSCommercePolicy", "Get-MSCommerceProductPolicies", "Get-MSCommerceProductPolicy", "Update-MSCommerceProductPolicy",
        });
    }

    [Fact]
    public void Get_Help_Examples_shows_at_least_two_examples_for_every_cmdlet()
    {
        var names = ModuleCommands.Exported(Manifest).Select(cmdlet => cmdlet.Name).ToList();
        var script = string.Join("; ", names.Select(name => $"'=== {name}'; Get-Help {name} -Examples"));

        var result = _shell.Command(script);

        Assert.Equal(0, result.ExitCode);
        var sections = result.Output.Split("=== ", StringSplitOptions.RemoveEmptyEntries).ToDictionary(section => section[..section.IndexOf('\n', StringComparison.Ordinal)].Trim());
        foreach (var name in names)
        {
            Assert.True(sections.ContainsKey(name), $"Get-Help {name} showed nothing.");
            Assert.Contains("Example 1:", sections[name], StringComparison.Ordinal);
            Assert.Contains("Example 2:", sections[name], StringComparison.Ordinal);
        }
    }

    public void Dispose() => _shell.Dispose();
}
