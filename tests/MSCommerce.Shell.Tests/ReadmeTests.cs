using System.Reflection;
using System.Text.RegularExpressions;

namespace MSCommerce.Shell.Tests;

/// <summary>The README's commands run as written, so the README cannot rot.</summary>
public sealed partial class ReadmeTests : IDisposable
{
    private const string Marker = "<!-- runs against the local commerce service -->";
    private static readonly string Readme = File.ReadAllText(Path.Combine(ShellProcess.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");

    private readonly ShellProcess _shell = new();

    public static TheoryData<int, string> MarkedBlocks()
    {
        var data = new TheoryData<int, string>();
        var index = 0;
        foreach (Match match in MarkedBlock().Matches(Readme))
        {
            data.Add(++index, match.Groups["code"].Value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MarkedBlocks))]
    public void A_README_block_marked_for_the_local_service_runs_without_error(int block, string code)
    {
        var result = _shell.Command(code);

        Assert.True(result.ExitCode == 0, $"README block {block} exited {result.ExitCode}:\n{code}\n{result.Output}\n{result.Errors}");
        Assert.DoesNotContain("Exception", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_marks_blocks_for_every_audience()
    {
        Assert.True(MarkedBlock().Matches(Readme).Count >= 3, "The README lost its runnable blocks.");
        foreach (var heading in new[] { "## Try it on a fresh machine", "## For admins with PowerShell", "## For CI", "## For partners", "## Try scripts against the local commerce service", "## For contributors" })
        {
            Assert.Contains(heading, Readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_first_fresh_machine_command_shows_the_product_policy_table()
    {
        var first = FirstShellCommand().Match(Readme);
        Assert.True(first.Success, "The README no longer starts with a dotnet run of the shell.");

        using var firstStart = new ShellProcess(firstStart: true);
        var result = firstStart.Command(first.Groups["script"].Value);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"ProductName\s+ProductId\s+PolicyValue", result.Output);
        Assert.Contains("Power BI Pro", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void The_README_CI_step_fails_on_drift_with_the_drift_table_and_passes_without(bool drift, int exitCode)
    {
        var check = CiDriftCheck().Match(Readme);
        Assert.True(check.Success, "The README's CI step no longer checks the baseline for drift.");
        var script = Path.Combine(_shell.Folder, "ci-step.ps1");
        File.WriteAllText(script, string.Join("\n",
            "Export-MSCommercePolicyBaseline -Path ./policy/baseline.json",
            drift ? "Update-MSCommerceProductPolicy -ProductId CFQ7TTC0H9MP -Value Disabled | Out-Null" : "",
            check.Value.ReplaceLineEndings("\n").Replace("\n    ", "\n", StringComparison.Ordinal).Trim()));

        var result = _shell.Run(["-File", script]);

        Assert.Equal(exitCode, result.ExitCode);
        if (drift)
        {
            Assert.Matches(@"Expected\s+Actual\s+Product", result.Output);
            Assert.Matches(@"Enabled\s+Disabled\s+Power BI Pro \(CFQ7TTC0H9MP\)", result.Output);
        }
    }

    [Fact]
    public async Task The_standalone_service_starts_as_written_and_the_README_sign_in_block_reaches_it()
    {
        var start = StandaloneService().Match(Readme);
        Assert.True(start.Success, "The README no longer shows how to run the service as its own process.");
        var block = StandaloneBlock().Match(Readme);
        Assert.True(block.Success, "The README no longer shows how to sign in to the standalone service.");
        // Port 0: the service binds a free port itself and prints it, so no other process can take it in between.
        var arguments = start.Groups["arguments"].Value.Replace("127.0.0.1:5443", "127.0.0.1:0", StringComparison.Ordinal);
        using var service = await RunningService.StartAsync(arguments, _shell.Folder);
        var port = service.Address.Port;

        // The shell imports the built module itself; the block runs in the folder the service was started in.
        var script = block.Groups["code"].Value
            .Replace("Import-Module ./out/SelfServicePurchase/SelfServicePurchase.psd1\n", "", StringComparison.Ordinal)
            .Replace("127.0.0.1:5443", $"127.0.0.1:{port}", StringComparison.Ordinal);
        var result = _shell.Run(["-Endpoint", $"https://127.0.0.1:{port}", "-Command", script], withDatabase: false);

        Assert.True(result.ExitCode == 0, $"{result.Output}\n{result.Errors}");
        Assert.Matches(@"ProductName\s+ProductId\s+PolicyValue", result.Output);
    }

    [Fact]
    public void The_README_leavers_block_takes_over_or_cancels_every_purchase_of_someone_who_left()
    {
        var block = MarkedBlock().Matches(Readme).Select(match => match.Groups["code"].Value).SingleOrDefault(code => code.Contains("-PurchaserState Deleted", StringComparison.Ordinal));
        Assert.True(block is not null, "The README no longer shows how to cancel what the people who left still pay for.");

        var result = _shell.Command(block + """
            "still billing: " + @(Get-MSCommerceSelfServicePurchases -PurchaserState Deleted -Status Active).Count
            "cancelled: " + (Get-MSCommerceSelfServicePurchases -PurchaserState Deleted -Status Cancelled).SubscriptionId
            """);

        Assert.True(result.ExitCode == 0, $"{result.Output}\n{result.Errors}");
        Assert.Contains("bought by Dana Example (left)", result.Output, StringComparison.Ordinal);
        Assert.Contains("still billing: 0", result.Output, StringComparison.Ordinal);
        // Dana's Power Automate purchase in the demo data.
        Assert.Contains("cancelled: c0000000-0000-0000-0000-000000000004", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_test_command_is_the_one_CI_runs()
    {
        var ci = File.ReadAllText(Path.Combine(ShellProcess.RepositoryRoot, ".ci", "run"));

        Assert.Contains("```sh\ndotnet test MSCommerce.sln -c Release\n```", Readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test MSCommerce.sln -c Release", ci, StringComparison.Ordinal);
    }

    [GeneratedRegex(Marker + "\\n```powershell\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();

    [GeneratedRegex("```sh\\ndotnet run --project src/MSCommerce.Stub -c Release -- (?<arguments>[^\\n]+)\\n```")]
    private static partial Regex StandaloneService();

    [GeneratedRegex("<!-- runs against the local commerce service started above -->\\n```powershell\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex StandaloneBlock();

    /// <summary>The drift check of the README's pipeline step, from the Test- line to the end of its if block.</summary>
    [GeneratedRegex(@"\$drift = @\(Test-MSCommercePolicyBaseline[^\n]*\n(?:    [^\n]*\n)*?    \}", RegexOptions.Singleline)]
    private static partial Regex CiDriftCheck();

    [GeneratedRegex("```sh\\ndotnet run --project src/MSCommerce.Shell -c Release -- -Command \"(?<script>[^\"]+)\"\\n```")]
    private static partial Regex FirstShellCommand();

    public void Dispose() => _shell.Dispose();
}

/// <summary>The built local commerce service as its own process, started as the README starts it; killed when disposed.</summary>
internal sealed class RunningService(System.Diagnostics.Process process, Uri address) : IDisposable
{
    /// <summary>Where the service said it listens.</summary>
    public Uri Address { get; } = address;

    public static async Task<RunningService> StartAsync(string arguments, string folder)
    {
        var configuration = typeof(RunningService).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(ShellProcess.RepositoryRoot, "src", "MSCommerce.Stub", "bin", configuration, "net10.0", "MSCommerce.Stub.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = System.Diagnostics.Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>();
        process.OutputDataReceived += (_, line) =>
        {
            var said = Regex.Match(line.Data ?? "", "listening on (https?://\\S+)", RegexOptions.IgnoreCase);
            if (said.Success)
            {
                listening.TrySetResult(new Uri(said.Groups[1].Value));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new RunningService(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
