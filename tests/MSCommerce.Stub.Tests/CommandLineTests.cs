using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MSCommerce.Stub.Tests;

/// <summary>The service's executable as a person starts it: --help, a mistyped option, a port already taken.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mscommerce-cli-").FullName;

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--seed demo --help")]
    public void Help_lists_every_option_and_exits_0(string arguments)
    {
        var run = Run(arguments.Split(' '));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("MSCommerce.Stub: the local commerce service", run.Output, StringComparison.Ordinal);
        foreach (var option in new[]
        {
            "--urls <url>", "--db <path>", "--seed demo", "--seed-products <N>", "--seed-purchases <N>", "--seed-customers <N>", "--seed-tenants <N>", "--token-lifetime <seconds>",
            "--rate-limit <N>", "--latency-ms <N>", "--lockout-threshold <N>", "--lockout-seconds <N>", "--no-lockout", "--device-codes-per-tenant <N>",
            "--device-codes <N>", "--test-controls", "--request-log <N>", "--help, -h",
        })
        {
            Assert.Contains("\n  " + option + " ", run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("listening", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_is_one_line_that_points_to_help_and_exits_2()
    {
        var run = Run(["--seed", "demo", "--tset-controls"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Unknown option '--tset-controls'. MSCommerce.Stub --help lists the options.", run.Errors.Trim());
    }

    [Fact]
    public void A_port_in_use_is_one_line_naming_the_address_and_what_to_do_and_exits_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"https://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var run = Run(["--urls", address, "--db", Path.Combine(_folder, "commerce.db")]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"The local commerce service cannot listen on {address}: the port is in use. Stop what uses it, or choose another port with --urls (port 0 picks a free one).", run.Errors.Trim());
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Errors) Run(string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "MSCommerce.Stub.exe" : "MSCommerce.Stub"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"MSCommerce.Stub {string.Join(' ', arguments)} did not exit within 60 s.");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult().ReplaceLineEndings("\n"), errors.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }
}
