using System.Diagnostics;

namespace MSCommerce.Benchmarks;

/// <summary>
/// One real pwsh process from the repository's tool manifest (dotnet tool run pwsh) running a script
/// file: each line it prints goes to a callback as it comes; a deadline bounds the whole run, after
/// which (or on dispose) the process is stopped with its whole tree.
/// </summary>
public sealed class PwshProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task _output;
    private readonly Task<string> _errors;

    private PwshProcess(Process process, Action<string> onLine)
    {
        _process = process;
        _output = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                onLine(line);
            }
        });
        _errors = process.StandardError.ReadToEndAsync();
    }

    public static PwshProcess Start(string script, IEnumerable<string> arguments, Action<string> onLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "tool", "run", "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-File", script }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new PwshProcess(Process.Start(start)!, onLine);
    }

    /// <summary>Waits for the script to finish; past the deadline the process tree is stopped and this throws.</summary>
    public async Task WaitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await _output.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Stop();
            throw new TimeoutException($"pwsh did not finish within {deadline.TotalMinutes:0.#} minutes.");
        }

        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pwsh failed (exit code {_process.ExitCode}): {await _errors.WaitAsync(TimeSpan.FromSeconds(10))}");
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own between the check and the kill.
        }
    }
}
