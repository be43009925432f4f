using System.Collections;
using MSCommerce.Stub.Data;

namespace MSCommerce.Module.Tests;

/// <summary>What an admin at a console sees and answers through the shell's host: confirmation prompts, progress, typed input.</summary>
[Collection(LocalServiceCollection.Name)]
public sealed class HostInteractionTests(LocalService service) : IDisposable
{
    private readonly IsolatedTenant _tenant = new(service);
    private readonly BaselineFiles _files = new();

    [Theory]
    [InlineData("N", "Enabled")]
    [InlineData("Y", "Disabled")]
    public void Confirm_asks_with_the_product_and_the_change_and_does_what_the_admin_answers(string answer, string expected)
    {
        using var shell = Shell(answer + "\n");

        shell.Run("Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled -Confirm");

        Assert.Contains("Power BI Pro (CFQ7TTC0H9MP)", shell.ConsoleText, StringComparison.Ordinal);
        Assert.Contains("Enabled → Disabled", shell.ConsoleText, StringComparison.Ordinal);
        Assert.Contains("[Y] Yes", shell.ConsoleText, StringComparison.Ordinal);
        Assert.Equal(expected, Assert.Single(shell.Invoke("Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP")).Properties["PolicyValue"].Value);
    }

    [Fact]
    public void Yes_to_All_at_the_first_prompt_of_a_sync_approves_every_change()
    {
        using var shell = Shell("A\n");
        var path = _files.Baseline("block.json", "Disabled");

        var result = shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -Confirm -PassThru", new Hashtable { ["Path"] = path });

        Assert.Empty(result.Errors);
        Assert.Equal(Catalog.Products.Count, result.Output.Count);
        Assert.Equal(1, CountOf(shell.ConsoleText, "[A] Yes to All"));
    }

    [Fact]
    public void A_sync_draws_its_progress_and_clears_it_when_done()
    {
        using var shell = Shell("", showProgress: true);
        var path = _files.Baseline("progress.json", "Disabled");

        shell.Run("param($Path) Sync-MSCommercePolicyBaseline -Path $Path -Confirm:$false", new Hashtable { ["Path"] = path });

        Assert.Contains($"Enforcing the policy baseline: 0 of {Catalog.Products.Count} changes (0 failed)", shell.ErrorText, StringComparison.Ordinal);
        Assert.Contains($"Enforcing the policy baseline: {Catalog.Products.Count} of {Catalog.Products.Count} changes (0 failed) [100%]", shell.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_reads_what_the_admin_types()
    {
        using var shell = Shell("CFQ7TTC0HD32\n");

        var output = shell.Invoke("$id = $Host.UI.ReadLine(); (Get-MSCommerceProductPolicy -ProductId $id).ProductName");

        Assert.Equal("Visio Plan 2", Assert.Single(output).BaseObject);
    }

    private ModuleRunspace Shell(string keyboard, bool showProgress = false)
    {
        var shell = new ModuleRunspace(new StringReader(keyboard), showProgress);
        shell.ConnectWithToken(service, service.Admin.Token(_tenant.AdminUpn, _tenant.Domain));
        return shell;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    public void Dispose()
    {
        _tenant.Dispose();
        _files.Dispose();
    }
}
