using System.Diagnostics;
using MSCommerce.Testing;

namespace MSCommerce.Benchmarks;

/// <summary>
/// The durability test's kill storm at soak length: the service's executable killed with SIGKILL
/// during write storms many more times than the test suite's 20. Not part of `all`: it measures no
/// speed, it looks for the rare lost write or damaged database. Exit code 1 when it finds one.
/// </summary>
public static class KillStormSoak
{
    public const int DefaultKills = 200;

    public static async Task<int> RunAsync(int kills)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mscommerce-kill-storm-" + Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        try
        {
            var report = await new KillStorm(folder, kills, line => Console.WriteLine($"{clock.Elapsed:mm\\:ss} {line}")).RunAsync(CancellationToken.None);
            Console.WriteLine($"{report} in {clock.Elapsed.TotalSeconds:F0} s");
            foreach (var problem in report.Problems)
            {
                Console.WriteLine("  " + problem);
            }

            return report.Problems.Count == 0 && report.Kills == kills ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
