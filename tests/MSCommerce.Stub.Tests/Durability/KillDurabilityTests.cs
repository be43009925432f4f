using System.Diagnostics;
using Xunit.Abstractions;

namespace MSCommerce.Stub.Tests;

/// <summary>The service as its own process, killed with SIGKILL during write storms: nothing it acknowledged is lost, and the database stays whole.</summary>
public sealed class KillDurabilityTests(CaseCounts counts, ITestOutputHelper output) : IClassFixture<CaseCounts>
{
    private const int Kills = 20;

    [Fact]
    public async Task Twenty_kills_during_write_storms_lose_no_acknowledged_write_and_leave_the_database_whole()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mscommerce-kill-" + Guid.NewGuid().ToString("N"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var clock = Stopwatch.StartNew();
        try
        {
            var report = await new KillStorm(folder, Kills, output.WriteLine).RunAsync(deadline.Token);

            counts.Report(output, $"{report} in {clock.Elapsed.TotalSeconds:F0} s");
            Assert.Empty(report.Problems);
            Assert.Equal(Kills, report.Kills);
            Assert.Equal(Kills, report.IntegrityChecks);
            Assert.True(report.PolicyChanges > 0 && report.Purchases > 0 && report.QuantityChanges > 0, report.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
