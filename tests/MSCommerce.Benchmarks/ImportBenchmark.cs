using System.Diagnostics;
using System.Globalization;

namespace MSCommerce.Benchmarks;

/// <summary>
/// Import-Module as a user meets it: each sample a new real pwsh process (the repository's .NET tool)
/// that times only the import, our module against Microsoft.PowerShell.ThreadJob (a one-cmdlet binary
/// module shipped with pwsh), interleaved in rounds so that a busy machine slows both alike. Any further
/// manifest given on the command line (an older build, say) is measured in the same rounds.
/// </summary>
public static class ImportBenchmark
{
    private const int Rounds = 7;
    private const int SamplesPerRound = 3;
    private const string ThreadJob = "Microsoft.PowerShell.ThreadJob";

    public static async Task RunAsync(IReadOnlyList<string> otherManifests)
    {
        var repository = Repository.Root;
        var candidates = new List<(string Label, string Module)> { (ThreadJob, ThreadJob), ("SelfServicePurchase (this build)", Repository.Manifest) };
        candidates.AddRange(otherManifests.Select(path => ($"SelfServicePurchase ({path})", Path.GetFullPath(path))));
        var samples = candidates.ToDictionary(candidate => candidate.Label, _ => new List<double>());

        await ImportMillisecondsAsync(repository, ThreadJob); // restores the tool and warms the disk cache
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (label, module) in candidates)
            {
                for (var sample = 0; sample < SamplesPerRound; sample++)
                {
                    samples[label].Add(await ImportMillisecondsAsync(repository, module));
                }
            }
        }

        var floor = Statistics.Median(samples[ThreadJob]);
        Console.WriteLine($"Import-Module in a new pwsh 7.6.9 process, {Rounds} interleaved rounds of {SamplesPerRound}; milliseconds.");
        Console.WriteLine($"{"module",-60} {"median",8} {"min",8} {"max",8} {"vs ThreadJob",13} {"target",9} {"met",7}");
        foreach (var (label, _) in candidates)
        {
            var values = samples[label];
            var ratio = Statistics.Median(values) / floor;
            var judged = label != ThreadJob;
            Console.WriteLine($"{label,-60} {Statistics.Median(values),8:F1} {values.Min(),8:F1} {values.Max(),8:F1} {ratio,12:F2}x {(judged ? "<= 1.50x" : ""),9} {(judged ? (ratio <= 1.5 ? "met" : "NOT met") : ""),7}");
        }
    }

    private static async Task<double> ImportMillisecondsAsync(string repository, string module)
    {
        var script = $"$clock = [Diagnostics.Stopwatch]::StartNew(); Import-Module '{module.Replace("'", "''")}' -ErrorAction Stop; $clock.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "tool", "run", "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pwsh did not import {module} within two minutes.");
        }

        var text = (await output).Trim();
        if (process.ExitCode != 0 || !double.TryParse(text.Split('\n').Last(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            throw new InvalidOperationException($"pwsh could not import {module} (exit code {process.ExitCode}): {text} {await errors}");
        }

        return milliseconds;
    }
}
