using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Benchmarks;

/// <summary>
/// Streams 100,000 seeded purchases through Get-MSCommerceSelfServicePurchases, against a plain
/// HttpClient reading the same pages in the same run: objects per second and the peak managed heap
/// of each (the cmdlet must stream, so its peak must not grow with the number of purchases).
/// </summary>
public static class PurchaseStreamingBenchmark
{
    private const int Purchases = 100_000;
    private const int PageSize = 1000;

    public static async Task RunAsync()
    {
        var seeding = Stopwatch.StartNew();
        await using var service = await BenchmarkService.StartAsync(options =>
        {
            options.SeedPurchases = Purchases;
            options.RateLimitPerSecond = 0;
        });
        Console.WriteLine($"Seeded {Purchases:N0} purchases per tenant in {seeding.Elapsed.TotalSeconds:0.0} s (the service's start included).");
        var token = await service.TokenForAsync(DemoData.AdminUpn);
        using var runspace = await service.ConnectedRunspaceAsync();

        // Warm both paths once on a small page, so neither pays JIT and connection set-up in the measurement.
        await ReadWithHttpClientAsync(service, token, top: 10, maxPages: 1);
        BenchmarkService.Invoke(runspace, "Get-MSCommerceSelfServicePurchases -PageSize 10 -Type Trial -Status Cancelled | Out-Null");

        Console.WriteLine($"{"reader",-66} {"objects",9} {"seconds",8} {"objects/s",10} {"peak heap MB",13} {"peak live MB",13} {"vs HttpClient",14}");
        var plain = await MeasureAsync(() => ReadWithHttpClientAsync(service, token, PageSize, int.MaxValue));
        Report($"HttpClient + JsonDocument, $top={PageSize} (baseline)", plain, plain);
        var cmdlet = await MeasureAsync(() => Task.FromResult(Count(BenchmarkService.Invoke(runspace,
            $"$count = 0; Get-MSCommerceSelfServicePurchases -PageSize {PageSize} | ForEach-Object {{ $count++ }}; $count"))));
        Report($"Get-MSCommerceSelfServicePurchases -PageSize {PageSize} | ForEach-Object", cmdlet, plain);
        // The same query without a script block per object: what the cmdlet itself costs. It writes the same objects as above.
        var outNull = await MeasureAsync(() =>
        {
            BenchmarkService.Invoke(runspace, $"Get-MSCommerceSelfServicePurchases -PageSize {PageSize} | Out-Null");
            return Task.FromResult(cmdlet.Count);
        });
        Report($"Get-MSCommerceSelfServicePurchases -PageSize {PageSize} | Out-Null", outNull, plain);
        Console.WriteLine("peak heap: the largest managed heap seen (sampled every 5 ms) while reading, garbage included. peak live: the same read again,");
        Console.WriteLine("sampled every 50 ms after a full collection: what the reader keeps alive. The service runs in this process, so both include its share.");
    }

    private static int Count(IReadOnlyList<System.Management.Automation.PSObject> output) => Convert.ToInt32(output[^1].BaseObject);

    private static async Task<int> ReadWithHttpClientAsync(BenchmarkService service, string token, int top, int maxPages)
    {
        var count = 0;
        string? next = $"v1.0/selfServicePurchases?$top={top}";
        for (var page = 0; next is not null && page < maxPages; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await service.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            using var document = await JsonDocument.ParseAsync(body);
            count += document.RootElement.GetProperty("items").GetArrayLength();
            next = document.RootElement.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
        }

        return count;
    }

    /// <summary>Times the read, then reads again while a sampler forces full collections: the peak of what stays alive, not of garbage not yet collected.</summary>
    private static async Task<Measurement> MeasureAsync(Func<Task<int>> read)
    {
        var timed = await SampleAsync(read, forceCollections: false);
        var live = await SampleAsync(read, forceCollections: true);
        return timed with { PeakLiveMegabytes = live.PeakHeapMegabytes };
    }

    private static async Task<Measurement> SampleAsync(Func<Task<int>> read, bool forceCollections)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var peak = GC.GetTotalMemory(false);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceCollections));
                await Task.Delay(forceCollections ? 50 : 5);
            }
        });
        var clock = Stopwatch.StartNew();
        var count = await read();
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        return new Measurement(count, clock.Elapsed.TotalSeconds, peak / 1024.0 / 1024.0, 0);
    }

    private static void Report(string reader, Measurement run, Measurement baseline) =>
        Console.WriteLine($"{reader,-66} {run.Count,9:N0} {run.Seconds,8:0.00} {run.Count / run.Seconds,10:N0} {run.PeakHeapMegabytes,13:0.0} {run.PeakLiveMegabytes,13:0.0} {run.Count / run.Seconds / (baseline.Count / baseline.Seconds),13:0.00}x");

    private sealed record Measurement(int Count, double Seconds, double PeakHeapMegabytes, double PeakLiveMegabytes);
}
