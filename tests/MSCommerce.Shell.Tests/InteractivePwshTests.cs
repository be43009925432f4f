using System.Text.RegularExpressions;

namespace MSCommerce.Shell.Tests;

/// <summary>At a terminal the shell's interactive session is real pwsh with PSReadLine, signed in to the shell's embedded service.</summary>
public sealed class InteractivePwshTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    // Stopping includes stopping the embedded service; on a machine busy with builds that has taken over 30 s.
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);
    private const string Prompt = @"MSCommerce PS [^\n]*> ";

    private readonly ShellProcess _shell = new();

    [Fact]
    public void Tab_completes_commands_and_product_ids_through_our_completer()
    {
        using var terminal = StartConnected();

        terminal.Type("Get-MSCommerceProductPol");
        terminal.Press("Tab", "Tab");
        terminal.WaitFor(@"Get-MSCommerceProductPolicies\s+Get-MSCommerceProductPolicy\b", CommandTimeout);
        terminal.Type("ies -PolicyId AllowSelfServicePurchase");
        terminal.Press("Enter");
        terminal.WaitFor(@"Power BI Pro\s+CFQ7TTC0H9MP\s+Enabled", CommandTimeout);

        // 'Visio*1' matches the product's name, which only the cached catalog knows; the completer turns it into the id.
        terminal.Type("Get-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId Visio*1");
        terminal.Press("Tab");
        terminal.WaitFor(@"-ProductId CFQ7TTC0HD33", CommandTimeout);
        terminal.Press("Enter");
        terminal.WaitFor(@"Visio Plan 1\s+CFQ7TTC0HD33\s+Enabled", CommandTimeout);
    }

    [Fact]
    public void Up_recalls_the_previous_command_and_exit_N_is_the_shells_exit_code()
    {
        using var terminal = StartConnected();

        terminal.Type("'marker-' + 41");
        terminal.Press("Enter");
        terminal.WaitFor(screen => Regex.Count(screen, "marker-41") == 1, CommandTimeout, "the command's output");
        terminal.Press("Up", "Enter");
        terminal.WaitFor(screen => Regex.Count(screen, "marker-41") == 2, CommandTimeout, "the recalled command's output");
        terminal.Type("exit 3");
        terminal.Press("Enter");

        Assert.Equal(3, terminal.WaitForExit(ExitTimeout));
    }

    [Fact]
    public void Without_pwsh_the_shell_falls_back_to_its_own_prompt()
    {
        // With an empty tool cache and package folder, 'dotnet tool run pwsh' finds no restored pwsh.
        var empty = Directory.CreateDirectory(Path.Combine(_shell.Folder, "empty")).FullName;
        using var terminal = new TerminalSession(ShellProcess.ShellAssembly(), _shell.Folder, new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = empty,
            ["NUGET_PACKAGES"] = empty,
        });

        terminal.WaitFor(@"pwsh did not start[\s\S]*Connected to the local commerce service[\s\S]*MSCommerce PS> ", StartTimeout);
        terminal.Type("(Get-MSCommerceConnection).Account");
        terminal.Press("Enter");
        terminal.WaitFor("\n" + System.Text.RegularExpressions.Regex.Escape(MSCommerce.Stub.DemoData.AdminUpn), CommandTimeout);
        terminal.Type("exit 2");
        terminal.Press("Enter");

        Assert.Equal(2, terminal.WaitForExit(ExitTimeout));
    }

    private TerminalSession StartConnected()
    {
        var terminal = new TerminalSession(ShellProcess.ShellAssembly(), _shell.Folder);
        try
        {
            terminal.WaitFor(@"Connected to the local commerce service[\s\S]*" + Prompt, StartTimeout);
            return terminal;
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }

    public void Dispose() => _shell.Dispose();
}
