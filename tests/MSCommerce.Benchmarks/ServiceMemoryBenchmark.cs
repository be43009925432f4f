using System.Diagnostics;
using System.Runtime;
using System.Text;
using MSCommerce.Stub;

namespace MSCommerce.Benchmarks;

/// <summary>
/// What callers who never sign in make the local commerce service keep: the process's working set and
/// the managed heap after a full compacting collection, before and after each load, each load on a
/// service of its own. The service runs in this process (so that the managed heap can be read); the
/// load's own garbage is collected before each reading, what stays is what the service keeps.
/// Loads: device-code starts with a 1 MB scope (an unknown client id, then a known one), and
/// unauthenticated GETs with an 8,000-character query, with and without the test controls.
/// </summary>
public static class ServiceMemoryBenchmark
{
    public const int DefaultGets = 100_000;
    private const int DeviceCodeStarts = 200;
    private const int ScopeCharacters = 1_000_000;
    private const int QueryCharacters = 8_000;
    private const int Concurrency = 8;

    public static async Task RunAsync(int gets)
    {
        var table = new TextTable("load", "answers", "seconds", "working set MB before", "after", "managed heap MB before", "after");
        await MeasureAsync(table, $"{DeviceCodeStarts} x devicecode, client_id=x, 1 MB scope", testControls: true, service =>
            RepeatAsync(service, DeviceCodeStarts, 1, client => DeviceCodeAsync(client, "x")));
        await MeasureAsync(table, $"{DeviceCodeStarts} x devicecode, known client id, 1 MB scope", testControls: true, service =>
            RepeatAsync(service, DeviceCodeStarts, 1, client => DeviceCodeAsync(client, "3d5cffa9-04da-4657-8cab-c7f074657cad")));
        var query = "v1.0/policies?x=" + new string('q', QueryCharacters);
        foreach (var testControls in new[] { true, false })
        {
            await MeasureAsync(table, $"{gets:N0} x GET 8,000-char query, no token, test controls {(testControls ? "on" : "off")}", testControls, service =>
                RepeatAsync(service, gets, Concurrency, client => client.GetAsync(query)));
        }

        table.Print(Console.Out);
    }

    private static async Task MeasureAsync(TextTable table, string name, bool testControls, Func<BenchmarkService, Task<string>> load)
    {
        await using var service = await BenchmarkService.StartAsync(options =>
        {
            options.EnableTestControls = testControls;
            options.RateLimitPerSecond = 0;
        });
        (await service.Http.GetAsync("v1.0/policies")).Dispose();
        var (workingBefore, heapBefore) = Settled();
        var watch = Stopwatch.StartNew();
        var answers = await load(service);
        var seconds = watch.Elapsed.TotalSeconds;
        var (workingAfter, heapAfter) = Settled();
        table.Add(name, answers, seconds.ToString("0.0"), workingBefore.ToString("0"), workingAfter.ToString("0"), heapBefore.ToString("0.0"), heapAfter.ToString("0.0"));
        Console.WriteLine($"{name}: {answers}, {seconds:0.0} s, working set {workingBefore:0} -> {workingAfter:0} MB, managed heap {heapBefore:0.0} -> {heapAfter:0.0} MB");
    }

    private static Task<HttpResponseMessage> DeviceCodeAsync(HttpClient client, string clientId)
    {
        var body = $"client_id={clientId}&scope=" + new string('s', ScopeCharacters);
        return client.PostAsync("organizations/oauth2/v2.0/devicecode", new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));
    }

    /// <summary>Sends the request <paramref name="count"/> times from <paramref name="concurrency"/> callers; answers the statuses and how often each came.</summary>
    private static async Task<string> RepeatAsync(BenchmarkService service, int count, int concurrency, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var statuses = new int[600];
        var next = -1;
        var callers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                using var response = await send(service.Http);
                Interlocked.Increment(ref statuses[(int)response.StatusCode]);
            }
        }));
        await Task.WhenAll(callers);
        return string.Join(", ", statuses.Select((times, status) => (times, status)).Where(pair => pair.times > 0).Select(pair => $"{pair.times} x {pair.status}"));
    }

    /// <summary>The working set and the managed heap in MB, after a full blocking compacting collection.</summary>
    private static (double WorkingSet, double Heap) Settled()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64 / 1024.0 / 1024.0, GC.GetTotalMemory(forceFullCollection: false) / 1024.0 / 1024.0);
    }
}
