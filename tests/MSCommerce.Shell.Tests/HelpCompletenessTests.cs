using MSCommerce.HelpBuilder;

namespace MSCommerce.Shell.Tests;

/// <summary>
/// Every exported cmdlet has complete help sources. What Get-Help shows of them is tested where admins read it,
/// in real pwsh (tests/Pester/Help.Tests.ps1).
/// </summary>
public sealed class HelpCompletenessTests
{
    private static readonly string Manifest = Path.Combine(ShellProcess.RepositoryRoot, "out", "SelfServicePurchase", "SelfServicePurchase.psd1");
    private static readonly string Sources = Path.Combine(ShellProcess.RepositoryRoot, "docs", "help");

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
}
