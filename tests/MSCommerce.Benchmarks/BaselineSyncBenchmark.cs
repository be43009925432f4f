using System.Collections;
using System.Diagnostics;
using System.Management.Automation.Runspaces;

namespace MSCommerce.Benchmarks;

/// <summary>
/// Enforcing a policy on 500 products with 20 ms of service latency: Sync-MSCommercePolicyBaseline at
/// its default throttle limit against the sequential loop admins write today, with the service's
/// rate limit off and at its default, in the same run.
/// </summary>
public static class BaselineSyncBenchmark
{
    private const int Products = 500;
    private const int CatalogProducts = 17;
    private const int LatencyMs = 20;
    private const int DefaultRateLimit = 50;

    private const string SequentialLoop = """
        param($Value)
        Get-MSCommerceProductPolicies -PolicyId AllowSelfServicePurchase | ForEach-Object {
            Update-MSCommerceProductPolicy -PolicyId AllowSelfServicePurchase -ProductId $_.ProductId -Value $Value
        } | Out-Null
        """;

    public static async Task RunAsync()
    {
        await using var service = await BenchmarkService.StartAsync(options => options.SeedProducts = Products - CatalogProducts);
        using var runspace = await service.ConnectedRunspaceAsync();
        var enabled = Baseline(service, "enabled.json", "Enabled");
        var disabled = Baseline(service, "disabled.json", "Disabled");
        await service.SetAsync(latencyMs: 0, rateLimitPerSecond: 0);
        BenchmarkService.Invoke(runspace, "param($Path) Sync-MSCommercePolicyBaseline -Path $Path -Confirm:$false", new Hashtable { ["Path"] = enabled });

        Console.WriteLine($"Enforcing a policy on {Products} products, {LatencyMs} ms service latency per request; each row changes every product.");
        Console.WriteLine($"{"scenario",-58} {"rate limit",10} {"seconds",8} {"changes/s",10} {"requests/s",11} {"429s",6} {"vs loop",8} {"vs limit",9}");
        foreach (var rateLimit in new[] { 0, DefaultRateLimit })
        {
            // Every row flips all 500 products, so each measures 500 changes: the loop to Disabled, then Sync runs alternate.
            await service.SetAsync(LatencyMs, rateLimit);
            var loop = await MeasureAsync(service, () => BenchmarkService.Invoke(runspace, SequentialLoop, new Hashtable { ["Value"] = "Disabled" }));
            Report("ForEach-Object { Update-MSCommerceProductPolicy } (today)", rateLimit, loop, loop);
            var target = enabled;
            foreach (var throttle in new[] { 8, 1, 4, 16 })
            {
                var label = throttle == 8 ? "Sync-MSCommercePolicyBaseline (default ThrottleLimit 8)" : $"Sync-MSCommercePolicyBaseline (ThrottleLimit {throttle})";
                var path = target;
                var run = await MeasureAsync(service, () => BenchmarkService.Invoke(runspace, $"param($Path) Sync-MSCommercePolicyBaseline -Path $Path -ThrottleLimit {throttle} -Confirm:$false", new Hashtable { ["Path"] = path }));
                Report(label, rateLimit, run, loop);
                target = target == enabled ? disabled : enabled;
            }

            await service.SetAsync(0, 0);
            BenchmarkService.Invoke(runspace, "param($Path) Sync-MSCommercePolicyBaseline -Path $Path -ThrottleLimit 16 -Confirm:$false", new Hashtable { ["Path"] = enabled });
        }

        Console.WriteLine("requests/s counts every request the service answered, 429s included; the rate limit allows that many per second per tenant (burst of twice that).");
        Console.WriteLine("vs limit: the time the rate limit allows at best (burst, then the rate) over the time taken; 100% means as fast as the service permits.");
    }

    private static string Baseline(BenchmarkService service, string name, string defaultValue)
    {
        var path = service.TempFile(name);
        File.WriteAllText(path, $$"""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "{{defaultValue}}" }""");
        return path;
    }

    private static async Task<Measurement> MeasureAsync(BenchmarkService service, Action run)
    {
        await service.ClearRequestsAsync();
        var clock = Stopwatch.StartNew();
        run();
        clock.Stop();
        var requests = await service.RequestsAsync();
        var changes = requests.Count(request => request.Method == "PUT" && request.Status == 200);
        return new Measurement(clock.Elapsed.TotalSeconds, changes, requests.Count, requests.Count(request => request.Status == 429));
    }

    private static void Report(string scenario, int rateLimit, Measurement run, Measurement loop)
    {
        var limit = rateLimit == 0 ? "off" : $"{rateLimit}/s";
        // The fastest the limit allows: a burst of twice the rate at once, then the rate.
        var ideal = rateLimit == 0 ? "" : $"{Math.Max(0, Products - 2.0 * rateLimit) / rateLimit / run.Seconds,8:0%}";
        Console.WriteLine($"{scenario,-58} {limit,10} {run.Seconds,8:0.00} {run.Changes / run.Seconds,10:0.0} {run.Requests / run.Seconds,11:0.0} {run.Throttled,6} {loop.Seconds / run.Seconds,7:0.0}x {ideal,9}");
        if (run.Changes != Products)
        {
            Console.WriteLine($"  warning: {run.Changes} products changed, expected {Products}");
        }
    }

    private sealed record Measurement(double Seconds, int Changes, int Requests, int Throttled);
}
