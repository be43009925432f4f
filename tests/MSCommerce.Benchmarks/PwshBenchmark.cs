using System.Diagnostics;
using System.Globalization;

namespace MSCommerce.Benchmarks;

/// <summary>
/// Performance as a user measures it: the built module in real pwsh 7.6.9 (the repository's tool)
/// against the local service, each figure beside a baseline measured in the same run. Cold sign-ins
/// run first, one short pwsh process each; then one long-lived pwsh process runs the per-call, warm
/// sign-in and streaming scenarios (Pwsh/Session.ps1). Prints one table per group.
/// </summary>
public static class PwshBenchmark
{
    public static readonly PwshSettings Full = new(Rounds: 35, Calls: 28, ConnectCalls: 4, StreamRounds: 3, ColdRounds: 7, Purchases: 100_000);

    /// <summary>A quick check that the group works end to end (pwsh --quick); its figures mean little.</summary>
    public static readonly PwshSettings Quick = new(Rounds: 2, Calls: 10, ConnectCalls: 3, StreamRounds: 1, ColdRounds: 1, Purchases: 5_000);

    public static async Task RunAsync(bool quick)
    {
        var settings = quick ? Quick : Full;
        var clock = Stopwatch.StartNew();
        await using var service = await BenchmarkService.StartAsync(options =>
        {
            options.SeedPurchases = settings.Purchases;
            options.RateLimitPerSecond = 0;
        });
        var certificatePath = service.Service.CertificatePath;
        Console.WriteLine($"pwsh group: pwsh 7.6.9 (dotnet tool run pwsh), module {Repository.Manifest}, service {service.Service.BaseAddress} ({settings.Purchases:N0} purchases per tenant, rate limit off, started in {clock.Elapsed.TotalSeconds:0.0} s).");

        var cold = await ColdConnect.RunAsync(service, certificatePath, settings.ColdRounds);
        var session = await PwshSession.RunAsync(service, certificatePath, settings);

        Console.WriteLine();
        PerCallTable(session, settings).Print(Console.Out);
        Console.WriteLine();
        ConnectTable(cold, session, settings).Print(Console.Out);
        Console.WriteLine($"Methods the JIT compiled during a cold sign-in (median): Connect-MSCommerce {cold.MethodsCompiled[ColdConnect.Ours]:N0}, MSAL {cold.MethodsCompiled[ColdConnect.Msal]:N0}, raw POST {cold.MethodsCompiled[ColdConnect.Raw]:N0}.");
        Console.WriteLine();
        StreamingTable(session, settings).Print(Console.Out);
        Console.WriteLine();
        Console.WriteLine($"pwsh group took {clock.Elapsed.TotalMinutes:0.0} minutes.");
    }

    private static TextTable PerCallTable(SessionResult session, PwshSettings settings)
    {
        Console.WriteLine($"Per call, in one pwsh process: {settings.Rounds} interleaved rounds x {settings.Calls} calls; each round's figure is its median call, the table the median of those and their min-max.");
        Console.WriteLine("mean ms: every call of every round averaged (what a loop of calls takes per call); ratio and target use the medians.");
        var table = new TextTable("scenario", "median ms", "spread", "mean ms", "baseline", "baseline ms", "baseline mean", "ratio", "target", "met");
        var figures = session.PerCall;
        Row(table, "Get-MSCommerceProductPolicy (connected)", figures["get"], "raw HttpClient GET (reused, parsed)", figures["rawGet"], AtMost(1.3));
        Row(table, "Update-MSCommerceProductPolicy -Value Enabled/Disabled", figures["update"], "raw HttpClient GET + PUT", figures["rawUpdate"], AtMost(1.3));
        Row(table, "Get-MSCommerceProductPolicy -Token", figures["token"], "raw HttpClient GET (reused, parsed)", figures["rawGet"], AtMost(1.3));
        Row(table, "Get-MSCommerceProductPolicy -Token", figures["token"], "Get-MSCommerceProductPolicy (connected)", figures["get"], None);
        Row(table, "Get-MSCommerceProductPolicy (connected)", figures["get"], "original: Invoke-RestMethod + New-Object", figures["original"], new Target("<= 0.20x (>= 5x faster)", ratio => ratio <= 0.2));
        return table;
    }

    private static TextTable ConnectTable(ColdConnectResult cold, SessionResult session, PwshSettings settings)
    {
        Console.WriteLine($"Connect-MSCommerce with the client secret. Cold: the first sign-in of a new pwsh process, {settings.ColdRounds} interleaved rounds, one process per sample.");
        Console.WriteLine($"Warm: again in the long-lived process, {settings.Rounds} rounds x {settings.ConnectCalls}. spread: min-max of the samples (cold) or round medians (warm).");
        var table = new TextTable("scenario", "median ms", "spread", "mean ms", "baseline", "baseline ms", "baseline mean", "ratio", "target", "met");
        var underQuarterSecond = new Target("< 250 ms", null, milliseconds => milliseconds < 250);
        Row(table, "Connect-MSCommerce -ClientSecret, cold", cold.Times[ColdConnect.Ours], "MSAL 4.92.0 AcquireTokenForClient, cold", cold.Times[ColdConnect.Msal], underQuarterSecond);
        Row(table, "Connect-MSCommerce -ClientSecret, cold", cold.Times[ColdConnect.Ours], "raw HttpClient POST of the grant, cold", cold.Times[ColdConnect.Raw], underQuarterSecond);
        Row(table, "Connect-MSCommerce -ClientSecret, warm", session.PerCall["connectWarm"], "raw HttpClient POST of the grant (reused)", session.PerCall["rawTokenWarm"], None);
        return table;
    }

    private static TextTable StreamingTable(SessionResult session, PwshSettings settings)
    {
        var ours = session.Streams["streamOurs"];
        var raw = session.Streams["streamRaw"];
        Console.WriteLine($"Streaming {settings.Purchases:N0} purchases, page size 1000, into ForEach-Object (which counts, and samples the GC heap every 1000th object), {settings.StreamRounds} interleaved rounds.");
        Console.WriteLine("objects/s: median (min-max). Memory: the largest growth of any run over its start: GC heap sampled in pwsh (garbage included, so it shows the GC's budget");
        Console.WriteLine("more than what is kept), and the working set sampled every 10 ms from outside, which the 64 MB target judges.");
        Console.WriteLine("first object: when the consumer got it, and when the service had answered the second page (its request log), ms from the start; median of runs.");
        var table = new TextTable("reader", "objects", "objects/s", "spread", "ratio", "GC heap MB", "working set MB", "first object ms", "2nd page ms", "target", "met");
        StreamRow(table, "Get-MSCommerceSelfServicePurchases -PageSize 1000", ours, raw, judged: true);
        StreamRow(table, "raw HttpClient + JsonDocument paging (baseline)", raw, raw, judged: false);
        return table;
    }

    private static void StreamRow(TextTable table, string reader, IReadOnlyList<StreamRun> runs, IReadOnlyList<StreamRun> baseline, bool judged)
    {
        var rate = new Figure(runs.Select(run => run.ObjectsPerSecond).ToArray());
        var ratio = rate.Median / Statistics.Median(baseline.Select(run => run.ObjectsPerSecond));
        var heap = runs.Max(run => run.PeakHeapGrowthMegabytes);
        var workingSet = runs.Max(run => run.PeakWorkingSetGrowthMegabytes);
        var first = runs.All(run => run.FirstObjectBeforeSecondPage);
        var second = runs.Where(run => run.SecondPageAnsweredMs.HasValue).Select(run => run.SecondPageAnsweredMs!.Value).ToArray();
        var complete = runs.All(run => run.Count == runs[0].Count);
        var met = ratio >= 0.7 && workingSet <= 64 && first && complete;
        table.Add(reader, runs[0].Count.ToString("N0", CultureInfo.InvariantCulture) + (complete ? "" : " (varied!)"),
            rate.Median.ToString("N0", CultureInfo.InvariantCulture), $"{rate.Min.ToString("N0", CultureInfo.InvariantCulture)}-{rate.Max.ToString("N0", CultureInfo.InvariantCulture)}",
            Format(ratio) + "x", Format(heap, "0.0"), Format(workingSet, "0.0"),
            Format(Statistics.Median(runs.Select(run => run.FirstObjectMs)), "0"), second.Length == 0 ? "(one page)" : Format(Statistics.Median(second), "0"),
            judged ? ">= 0.70x, WS <= 64 MB, first before 2nd page" : "", judged ? (met ? "met" : "NOT met") + (first ? "" : " (first object after 2nd page)") : "");
    }

    private static readonly Target None = new("-", null);

    private static Target AtMost(double ratio) => new($"<= {ratio:0.00}x", value => value <= ratio);

    private static void Row(TextTable table, string scenario, Figure value, string baseline, Figure baselineValue, Target target)
    {
        var ratio = value.Median / baselineValue.Median;
        bool? met = target.OnRatio is { } onRatio ? onRatio(ratio) : target.OnValue is { } onValue ? onValue(value.Median) : null;
        table.Add(scenario, Format(value.Median), $"{Format(value.Min)}-{Format(value.Max)}", Format(value.Mean), baseline, Format(baselineValue.Median), Format(baselineValue.Mean), Format(ratio) + "x", target.Text,
            met switch { true => "met", false => "NOT met", null => "" });
    }

    private static string Format(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record Target(string Text, Func<double, bool>? OnRatio, Func<double, bool>? OnValue = null);
}
