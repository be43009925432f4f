using System.Diagnostics;
using System.Globalization;

namespace MSCommerce.Benchmarks;

/// <summary>
/// Import-Module as a user meets it: each sample a new real pwsh process (the repository's .NET tool)
/// that times only the import, our module against Microsoft.PowerShell.ThreadJob (a one-cmdlet binary
/// module shipped with pwsh), like for like: both by the path of their manifest, and both by name from
/// a folder on PSModulePath (ours copied, as installed, into a folder searched after pwsh's own, so that
/// our search costs no less than ThreadJob's). Interleaved in rounds so that a busy machine slows all
/// alike. Any further manifest given on the command line (an older build, say) is measured by path in
/// the same rounds.
/// </summary>
public static class ImportBenchmark
{
    private const int Rounds = 7;
    private const int SamplesPerRound = 3;
    private const string ThreadJob = "Microsoft.PowerShell.ThreadJob";

    private sealed record Candidate(string Label, string Module, string Baseline);

    /// <summary>Wall-clock milliseconds of the import, and the process's processor milliseconds meanwhile (less swayed by a busy machine; includes the runtime's background compiling).</summary>
    private sealed record Sample(double Wall, double Cpu);

    public static async Task RunAsync(IReadOnlyList<string> otherManifests)
    {
        var repository = Repository.Root;
        var installed = Path.Combine(Path.GetTempPath(), "mscommerce-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyFolder(Path.GetDirectoryName(Repository.Manifest)!, Path.Combine(installed, "SelfServicePurchase"));
            var threadJobPath = (await RunPwshAsync(repository, null, $"(Get-Module -ListAvailable {ThreadJob} | Select-Object -First 1).Path")).Trim();
            const string ByPath = "ThreadJob by path";
            const string ByName = "ThreadJob by name";
            var candidates = new List<Candidate>
            {
                new(ByPath, threadJobPath, ByPath),
                new("SelfServicePurchase by path (this build)", Repository.Manifest, ByPath),
                new(ByName, ThreadJob, ByName),
                new("SelfServicePurchase by name (installed copy)", "SelfServicePurchase", ByName),
            };
            candidates.AddRange(otherManifests.Select(path => new Candidate($"SelfServicePurchase by path ({path})", Path.GetFullPath(path), ByPath)));
            var samples = candidates.ToDictionary(candidate => candidate.Label, _ => new List<Sample>());

            await ImportMillisecondsAsync(repository, installed, ThreadJob); // warms the disk cache
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var candidate in candidates)
                {
                    for (var sample = 0; sample < SamplesPerRound; sample++)
                    {
                        samples[candidate.Label].Add(await ImportMillisecondsAsync(repository, installed, candidate.Module));
                    }
                }
            }

            Console.WriteLine($"Import-Module in a new pwsh 7.6.9 process, {Rounds} interleaved rounds of {SamplesPerRound}; milliseconds, wall clock and processor.");
            Console.WriteLine($"{"module",-52} {"median",8} {"min",8} {"max",8} {"cpu",8} {"vs ThreadJob",13} {"cpu vs",8} {"target",9} {"met",7}");
            foreach (var candidate in candidates)
            {
                var wall = samples[candidate.Label].Select(sample => sample.Wall).ToList();
                var cpu = samples[candidate.Label].Select(sample => sample.Cpu).ToList();
                var ratio = Statistics.Median(wall) / Statistics.Median(samples[candidate.Baseline].Select(sample => sample.Wall));
                var cpuRatio = Statistics.Median(cpu) / Statistics.Median(samples[candidate.Baseline].Select(sample => sample.Cpu));
                var judged = candidate.Label != candidate.Baseline;
                Console.WriteLine($"{candidate.Label,-52} {Statistics.Median(wall),8:F1} {wall.Min(),8:F1} {wall.Max(),8:F1} {Statistics.Median(cpu),8:F1} {ratio,12:F2}x {cpuRatio,7:F2}x {(judged ? "<= 1.50x" : ""),9} {(judged ? (ratio <= 1.5 ? "met" : "NOT met") : ""),7}");
            }
        }
        finally
        {
            Directory.Delete(installed, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<Sample> ImportMillisecondsAsync(string repository, string modulePathFolder, string module)
    {
        var script = "$process = [Diagnostics.Process]::GetCurrentProcess(); $cpu = $process.TotalProcessorTime; $clock = [Diagnostics.Stopwatch]::StartNew(); "
            + $"Import-Module '{module.Replace("'", "''")}' -ErrorAction Stop; "
            + "$wall = $clock.Elapsed.TotalMilliseconds; $process.Refresh(); '{0} {1}' -f $wall.ToString([cultureinfo]::InvariantCulture), ($process.TotalProcessorTime - $cpu).TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)";
        var text = await RunPwshAsync(repository, modulePathFolder, script);
        var figures = text.Trim().Split('\n').Last().Split(' ');
        if (figures.Length != 2 || !double.TryParse(figures[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var wall)
            || !double.TryParse(figures[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var cpu))
        {
            throw new InvalidOperationException($"pwsh could not import {module}: {text}");
        }

        return new Sample(wall, cpu);
    }

    /// <summary>Runs a command in a new pwsh; with a folder, it is on PSModulePath (pwsh puts its own folders first).</summary>
    private static async Task<string> RunPwshAsync(string repository, string? modulePathFolder, string script)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "tool", "run", "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", script })
        {
            start.ArgumentList.Add(argument);
        }

        if (modulePathFolder != null)
        {
            start.Environment["PSModulePath"] = modulePathFolder;
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
            throw new TimeoutException($"pwsh did not run within two minutes: {script}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pwsh failed (exit code {process.ExitCode}) on {script}: {await output} {await errors}");
        }

        return await output;
    }
}
