using MSCommerce.Stub;

namespace MSCommerce.Shell.Tests;

public sealed class ShellCommandLineTests : IDisposable
{
    private readonly ShellProcess _shell = new();

    [Fact]
    public void Command_prints_the_product_policy_table_of_the_embedded_service_and_exits_0()
    {
        var result = _shell.Command("Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"ProductName\s+ProductId\s+PolicyValue", result.Output);
        Assert.Matches(@"Power BI Pro\s+CFQ7TTC0H9MP\s+\w+", result.Output);
        Assert.DoesNotContain("\u001b[", result.Output);
    }

    [Fact]
    public void The_shell_signs_in_to_the_embedded_service_as_the_demo_admin_a_person_not_an_app()
    {
        var result = _shell.Command("$c = Get-MSCommerceConnection; $c.Account; $c.AuthMethod");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(DemoData.AdminUpn, result.OutputLines);
        Assert.Contains("DeviceCode", result.OutputLines);
        Assert.DoesNotContain("To sign in, use a web browser", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Changes_stay_between_runs_until_Reset_starts_from_fresh_demo_data_and_leaves_other_files_alone()
    {
        const string value = "(Get-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP).PolicyValue";
        var notes = Path.Combine(_shell.Folder, "commerce.db.notes.txt");
        File.WriteAllText(notes, "mine");

        var changed = _shell.Command($"$null = Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled; {value}");
        var kept = _shell.Command(value);
        var reset = _shell.Run(["-Reset", "-Command", value]);

        Assert.Equal(["Disabled"], changed.OutputLines);
        Assert.Equal(["Disabled"], kept.OutputLines);
        Assert.Equal(0, reset.ExitCode);
        Assert.Equal(["Enabled"], reset.OutputLines);
        Assert.Equal("mine", File.ReadAllText(notes));
    }

    [Fact]
    public void Reset_with_Endpoint_is_refused_with_exit_64_as_there_is_no_local_service_to_reset()
    {
        var result = _shell.Run(["-Endpoint", ShellProcess.NoServiceEndpoint, "-Reset", "-Command", "'never'"], withDatabase: false);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("-Reset", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("never", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_N_in_a_command_becomes_the_exit_code()
    {
        var result = _shell.RunWithoutService(["-Command", "'before'; exit 5; 'after'"]);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("before", result.Output);
        Assert.DoesNotContain("after", result.Output);
    }

    [Fact]
    public void A_failing_command_exits_1_and_shows_its_error()
    {
        var result = _shell.RunWithoutService(["-Command", "Get-MSCommerceNothing"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Get-MSCommerceNothing", result.Output + result.Errors);
    }

    [Fact]
    public void File_runs_a_script_with_its_arguments()
    {
        var script = Path.Combine(_shell.Folder, "count.ps1");
        File.WriteAllText(script, """
            param([string] $Value, [int] $Times)
            foreach ($i in 1..$Times) { "$Value $i" }
            """);

        var result = _shell.RunWithoutService(["-File", script, "Visio", "2"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Visio 1", "Visio 2"], result.OutputLines);
    }

    [Fact]
    public void File_runs_a_script_converted_from_Microsofts_module_which_imports_this_one_by_name()
    {
        var script = Path.Combine(_shell.Folder, "converted.ps1");
        File.WriteAllText(script, """
            #Requires -Modules SelfServicePurchase
            Import-Module -Name SelfServicePurchase
            (Get-Command Connect-MSCommerce).Source
            (Get-MSCommerceConnection).Account
            """);

        var result = _shell.Run(["-File", script]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["SelfServicePurchase", DemoData.AdminUpn], result.OutputLines);
    }

    [Fact]
    public void File_that_does_not_exist_is_refused_with_exit_64_before_the_service_starts_or_Reset_deletes_anything()
    {
        var database = Path.Combine(_shell.Folder, "commerce.db");
        var missing = Path.Combine(_shell.Folder, "missing.ps1");
        var before = File.ReadAllBytes(database);

        var result = _shell.Run(["-Reset", "-File", missing]);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains($"The script file '{missing}' does not exist.", result.Errors);
        Assert.Equal(before, File.ReadAllBytes(database));
        Assert.False(File.Exists(database + "-shm"), "the local commerce service was started");
    }

    [Fact]
    public void Without_the_built_module_the_shell_says_to_build_in_one_line_and_exits_1_before_the_service_starts()
    {
        // A copy of the built shell in a temp folder: no out/SelfServicePurchase above it, as before the first build.
        var copy = Path.Combine(_shell.Folder, "shell");
        var built = Path.GetDirectoryName(ShellProcess.ShellAssembly())!;
        foreach (var file in Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var database = Path.Combine(_shell.Folder, "commerce.db");
        var before = File.ReadAllBytes(database);

        var result = _shell.Run(["-Reset", "-Command", "$null"], shellAssembly: Path.Combine(copy, "MSCommerce.Shell.dll"));

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("The built module (out/SelfServicePurchase/SelfServicePurchase.psd1) was not found above ", error);
        Assert.EndsWith("Run 'dotnet build MSCommerce.sln -c Release' first.", error);
        Assert.Equal(before, File.ReadAllBytes(database));
        Assert.False(File.Exists(database + "-shm"), "the local commerce service was started");
    }

    [Fact]
    public void Commands_read_from_standard_input_run_in_order_and_may_span_lines()
    {
        var result = _shell.RunWithoutService([], standardInput: "$count = 0\nforeach ($n in 1..3) {\n  $count += $n\n}\n\"total $count\"\nexit 4\n\"never\"\n");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("total 6", result.OutputLines);
        Assert.DoesNotContain("never", result.Output);
    }

    [Fact]
    public void Command_dash_reads_the_script_from_standard_input()
    {
        var result = _shell.RunWithoutService(["-Command", "-"], standardInput: "'from stdin'");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["from stdin"], result.OutputLines);
    }

    [Fact]
    public void An_unknown_option_is_refused_with_the_usage_and_exit_64()
    {
        var result = _shell.Run(["-Bogus"]);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("Unknown option '-Bogus'", result.Errors);
        Assert.Contains("Usage: MSCommerce.Shell", result.Errors);
    }

    [Fact]
    public void Help_shows_the_usage_and_exits_0()
    {
        var result = _shell.Run(["-Help"], withDatabase: false);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("-Command", result.Output);
        Assert.Contains("-File", result.Output);
    }

    public void Dispose() => _shell.Dispose();
}
