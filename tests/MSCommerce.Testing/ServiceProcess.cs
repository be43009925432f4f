using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using MSCommerce.Stub;

namespace MSCommerce.Testing;

/// <summary>
/// The built local commerce service (the MSCommerce.Stub executable beside its assembly) run as a
/// process of its own on a free 127.0.0.1 port, which it reports on its first line; killed with
/// SIGKILL, process tree and all, when disposed.
/// </summary>
public sealed partial class ServiceProcess : IDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri baseAddress, X509Certificate2 certificate)
    {
        _process = process;
        BaseAddress = baseAddress;
        Certificate = certificate;
    }

    public Uri BaseAddress { get; }

    public X509Certificate2 Certificate { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// The options every harness starts the service with, the Pester suite's LocalService.ps1 included: a port it picks
    /// itself (no other process can take it in between), the database, test controls, no rate limit; the demo seed or none.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string databasePath, bool demoSeed) =>
        ["--urls", "https://127.0.0.1:0", "--db", databasePath, .. demoSeed ? new[] { "--seed", "demo" } : [], "--test-controls", "--rate-limit", "0"];

    /// <param name="demoSeed">With the demo tenants, people and apps; without, callers arrange what they need through the test controls and each start stays short.</param>
    /// <param name="workingDirectory">The folder it is started in, as a person's shell would; the test process's own by default.</param>
    public static async Task<ServiceProcess> StartAsync(string databasePath, TimeSpan deadline, bool demoSeed = false, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        // It is killed with SIGKILL (Kill, Dispose): with the diagnostics server on, each killed process left its debugger
        // pipes and diagnostics socket in the temp folder (clr-debug-pipe-*, dotnet-diagnostic-*), 24 a run of Stub.Tests.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        var assembly = typeof(CommerceService).Assembly.Location;
        var apphost = Path.Combine(Path.GetDirectoryName(assembly)!, OperatingSystem.IsWindows() ? "MSCommerce.Stub.exe" : "MSCommerce.Stub");
        if (File.Exists(apphost))
        {
            start.FileName = apphost;
        }
        else
        {
            start.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            start.ArgumentList.Add(assembly);
        }

        foreach (var argument in Arguments(databasePath, demoSeed))
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && ListeningLine().Match(text) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The service exited with {process.ExitCode} before it listened: {errors}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseAddress = await listening.Task.WaitAsync(deadline);
            return new ServiceProcess(process, baseAddress, X509CertificateLoader.LoadCertificateFromFile(databasePath + ".cer"));
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The test controls, and a client of the whole service (<see cref="AdminClient.Http"/>), trusting exactly its certificate.</summary>
    public AdminClient Admin(TimeSpan timeout) => new(BaseAddress, Certificate, timeout);

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses the process.</summary>
    public void Kill(TimeSpan deadline)
    {
        Kill(_process);
        if (!_process.WaitForExit(deadline))
        {
            throw new TimeoutException($"The service (pid {_process.Id}) did not exit within {deadline} of SIGKILL.");
        }
    }

    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
        Certificate.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    [GeneratedRegex(@"listening on (https://\S+)")]
    private static partial Regex ListeningLine();
}
