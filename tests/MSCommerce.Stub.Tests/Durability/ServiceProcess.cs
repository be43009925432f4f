using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace MSCommerce.Stub.Durability;

/// <summary>
/// The built local commerce service (the MSCommerce.Stub executable beside this assembly) run as a
/// process of its own on a free 127.0.0.1 port, which it reports on its first line; killed with
/// SIGKILL, process tree and all.
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

    public static async Task<ServiceProcess> StartAsync(string databasePath, TimeSpan deadline)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "MSCommerce.Stub.exe" : "MSCommerce.Stub");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No demo seed: callers arrange what they need through the test controls, and each start stays short.
        foreach (var argument in new[] { "--urls", "https://127.0.0.1:0", "--db", databasePath, "--test-controls", "--rate-limit", "0" })
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

    public HttpClient Client(TimeSpan timeout)
    {
        var thumbprint = Certificate.Thumbprint;
        return new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 presented && presented.Thumbprint == thumbprint },
        })
        {
            BaseAddress = BaseAddress,
            Timeout = timeout,
        };
    }

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
