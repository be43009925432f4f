using System.Collections;
using System.Diagnostics;
using System.Management.Automation.Runspaces;
using System.Net.Http.Json;
using System.Text.Json;
using MSCommerce.EngineHost;
using MSCommerce.Stub;
using MSCommerce.Testing;

namespace MSCommerce.Benchmarks;

/// <summary>
/// A partner's fleet: 200 customers of the demo catalog at 50 ms of service latency, each tenant rate-limited
/// at the service's default. The fleet's drift test and a fleet sync, each against (a) the sequential loop
/// over tenants with today's cmdlets (Connect-MSCommerce per tenant, then the command) and (b) a hand-written
/// ForEach-Object -Parallel loop over tenants at the same parallelism, in one run. Everyone signs in as the
/// partner's multi-tenant app (a person would need a device code per tenant in the loops).
/// </summary>
public static class FleetBenchmark
{
    private const int LatencyMs = 50;
    private const int RateLimit = 50;
    private const int ThrottleLimit = 16;

    private const string Connect = "Connect-MSCommerce -Endpoint $Endpoint -TrustedCertificate $Certificate -ClientId $ClientId -ClientSecret $Secret";

    private static readonly string SequentialTest = $$"""
        param($Endpoint, $Certificate, $ClientId, $Secret, $Tenants, $Path)
        foreach ($tenant in $Tenants) {
            {{Connect}} -TenantId $tenant | Out-Null
            [pscustomobject]@{ TenantId = $tenant; Compliant = Test-MSCommercePolicyBaseline -Path $Path }
        }
        """;

    private static readonly string SequentialSync = $$"""
        param($Endpoint, $Certificate, $ClientId, $Secret, $Tenants, $Path)
        foreach ($tenant in $Tenants) {
            {{Connect}} -TenantId $tenant | Out-Null
            Sync-MSCommercePolicyBaseline -Path $Path -Confirm:$false
        }
        """;

    private static readonly string ParallelTest = $$"""
        param($Endpoint, $Certificate, $ClientId, $Secret, $Tenants, $Path, $Manifest)
        $Tenants | ForEach-Object -ThrottleLimit {{ThrottleLimit}} -Parallel {
            Import-Module $using:Manifest
            $connection = Connect-MSCommerce -Endpoint $using:Endpoint -TrustedCertificate $using:Certificate -ClientId $using:ClientId -ClientSecret $using:Secret -TenantId $_ -PassThru
            [pscustomobject]@{ TenantId = $_; Compliant = Test-MSCommercePolicyBaseline -Path $using:Path -Connection $connection }
            Disconnect-MSCommerce -Connection $connection
        }
        """;

    private static readonly string ParallelSync = $$"""
        param($Endpoint, $Certificate, $ClientId, $Secret, $Tenants, $Path, $Manifest)
        $Tenants | ForEach-Object -ThrottleLimit {{ThrottleLimit}} -Parallel {
            Import-Module $using:Manifest
            $connection = Connect-MSCommerce -Endpoint $using:Endpoint -TrustedCertificate $using:Certificate -ClientId $using:ClientId -ClientSecret $using:Secret -TenantId $_ -PassThru
            Sync-MSCommercePolicyBaseline -Path $using:Path -Connection $connection -Confirm:$false
            Disconnect-MSCommerce -Connection $connection
        }
        """;

    private static readonly string FleetTest = $$"""
        param($Endpoint, $Certificate, $ClientId, $Secret, $Tenants, $Path)
        Test-MSCommercePolicyBaseline -Path $Path -TenantId $Tenants -ThrottleLimit {{ThrottleLimit}} -InformationAction Ignore
        """;

    private static readonly string FleetSync = $$"""
        param($Endpoint, $Certificate, $ClientId, $Secret, $Tenants, $Path)
        Sync-MSCommercePolicyBaseline -Path $Path -TenantId $Tenants -ThrottleLimit {{ThrottleLimit}} -Confirm:$false -InformationAction Ignore
        """;

    public static async Task RunAsync(int customers)
    {
        // The in-process service answers on this process's thread pool and calls SQLite synchronously; under 64 requests at
        // once it would starve the pool (and the rows would measure the pool's slow growth). A real service has a farm.
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 128), Math.Max(completion, 128));
        await using var service = await BenchmarkService.StartAsync(options =>
        {
            options.SeedCustomers = customers;
            options.RequestLogCapacity = 100_000;
            options.LockoutThreshold = 0;
        });
        var tenants = Enumerable.Range(1, customers).Select(number => $"77777777-0000-0000-0000-{number:D12}").ToArray();
        var enabled = Baseline(service, "enabled.json", "Enabled");
        var disabled = Baseline(service, "disabled.json", "Disabled");
        using var runspace = ModuleRunspace.Open();
        var parameters = new Hashtable
        {
            ["Endpoint"] = service.Service.BaseAddress, ["Certificate"] = service.Service.Certificate, ["ClientId"] = DemoData.PartnerAppClientId,
            ["Secret"] = new System.Net.NetworkCredential(string.Empty, DemoData.PartnerAppClientSecret).SecurePassword, ["Tenants"] = tenants,
            ["Manifest"] = ModuleLocator.FindManifest(),
        };
        BenchmarkService.Invoke(runspace, "param($Endpoint, $Certificate, $ClientId, $Secret, $Tenants, $Manifest) " + Connect + $" -TenantId {DemoData.FabrikamDomain} | Out-Null", parameters);

        // Warm-up at no latency: the JIT, MSAL's app-token cache of the fleet's sign-in, every parallel runspace's import.
        await service.SetAsync(0, 0);
        Run(runspace, FleetTest, parameters, enabled);
        Run(runspace, ParallelTest, parameters, enabled);

        await service.SetAsync(LatencyMs, RateLimit);
        Console.WriteLine($"A partner's fleet: {customers} customers x the demo catalog, {LatencyMs} ms service latency per request, rate limit {RateLimit}/s per tenant; ThrottleLimit {ThrottleLimit} for the fleet and the parallel loop.");
        Console.WriteLine($"{"scenario",-62} {"seconds",8} {"tenants/s",10} {"requests",9} {"429s",6} {"max/s/tenant",13} {"WS growth MB",13} {"vs (a)",7} {"vs (b)",7}");
        using var sampler = new WorkingSetSampler();
        sampler.Attach(Environment.ProcessId);

        var testA = await MeasureAsync(service, sampler, "test a", () => Run(runspace, SequentialTest, parameters, enabled));
        var testB = await MeasureAsync(service, sampler, "test b", () => Run(runspace, ParallelTest, parameters, enabled));
        var test = await MeasureAsync(service, sampler, "test fleet", () => Run(runspace, FleetTest, parameters, enabled));
        Report("(a) foreach { Connect-MSCommerce; Test-MSCommercePolicyBaseline }", customers, testA, testA, testB);
        Report($"(b) ForEach-Object -Parallel -ThrottleLimit {ThrottleLimit} {{ Connect; Test }}", customers, testB, testA, testB);
        Report("Test-MSCommercePolicyBaseline -TenantId (fleet)", customers, test, testA, testB);

        // Each sync changes every product of every tenant: the baselines alternate.
        var syncA = await MeasureAsync(service, sampler, "sync a", () => Run(runspace, SequentialSync, parameters, disabled));
        var syncB = await MeasureAsync(service, sampler, "sync b", () => Run(runspace, ParallelSync, parameters, enabled));
        var sync = await MeasureAsync(service, sampler, "sync fleet", () => Run(runspace, FleetSync, parameters, disabled));
        Report("(a) foreach { Connect-MSCommerce; Sync-MSCommercePolicyBaseline }", customers, syncA, syncA, syncB);
        Report($"(b) ForEach-Object -Parallel -ThrottleLimit {ThrottleLimit} {{ Connect; Sync }}", customers, syncB, syncA, syncB);
        Report("Sync-MSCommercePolicyBaseline -TenantId (fleet)", customers, sync, syncA, syncB);

        // Without latency the sync is bound by the service alone (each change one SQLite transaction synced to disk): the floor under every row.
        await service.SetAsync(0, RateLimit);
        var floor = await MeasureAsync(service, sampler, "sync floor", () => Run(runspace, FleetSync, parameters, enabled));
        Report("Sync-MSCommercePolicyBaseline -TenantId at 0 ms (service floor)", customers, floor, syncA, syncB);
        await service.SetAsync(LatencyMs, RateLimit);

        Console.WriteLine();
        Console.WriteLine($"targets: fleet >= 10x (a): test {Met(testA.Seconds / test.Seconds >= 10)}, sync {Met(syncA.Seconds / sync.Seconds >= 10)}; "
            + $">= 1.5x (b): test {Met(testB.Seconds / test.Seconds >= 1.5)}, sync {Met(syncB.Seconds / sync.Seconds >= 1.5)}; "
            + $"working set growth <= 100 MB: {Met(Math.Max(test.WorkingSetGrowth, sync.WorkingSetGrowth) <= 100)}; "
            + $"rate limit respected (no 429 for the fleet): {Met(test.Throttled + sync.Throttled == 0)}");
        Console.WriteLine("requests: the API calls the service answered (the partner's customer list included); max/s/tenant: the most calls one tenant made in one second;");
        Console.WriteLine("WS growth: the peak rise of this process's working set during the run (the in-process service's included).");
        await service.SetAsync(0, 0);
    }

    private static void Run(Runspace runspace, string script, Hashtable parameters, string path)
    {
        var withPath = new Hashtable(parameters) { ["Path"] = path };
        if (!script.Contains("$Manifest", StringComparison.Ordinal))
        {
            withPath.Remove("Manifest");
        }

        BenchmarkService.Invoke(runspace, script, withPath);
    }

    private static string Baseline(BenchmarkService service, string name, string defaultValue)
    {
        var path = service.TempFile(name);
        File.WriteAllText(path, $$"""{ "schemaVersion": 1, "policyId": "AllowSelfServicePurchase", "defaultValue": "{{defaultValue}}" }""");
        return path;
    }

    private static async Task<Measurement> MeasureAsync(BenchmarkService service, WorkingSetSampler sampler, string name, Action run)
    {
        await service.ClearRequestsAsync();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        sampler.Begin();
        var clock = Stopwatch.StartNew();
        run();
        clock.Stop();
        sampler.End(name);
        var requests = await service.RequestLogAsync();
        var calls = requests.EnumerateArray().Select(item => (Tenant: item.TryGetProperty("tenantId", out var tenant) ? tenant.GetString() : null, Time: item.GetProperty("time").GetDateTimeOffset(), Status: item.GetProperty("status").GetInt32())).ToList();
        var busiest = calls.Where(call => call.Tenant is not null).GroupBy(call => (call.Tenant, Second: call.Time.ToUnixTimeSeconds())).Select(group => group.Count()).DefaultIfEmpty(0).Max();
        return new Measurement(clock.Elapsed.TotalSeconds, calls.Count, calls.Count(call => call.Status == 429), busiest, sampler.GrowthMegabytes(name)[^1]);
    }

    private static void Report(string scenario, int customers, Measurement run, Measurement sequential, Measurement parallel) =>
        Console.WriteLine($"{scenario,-62} {run.Seconds,8:0.00} {customers / run.Seconds,10:0.0} {run.Requests,9} {run.Throttled,6} {run.BusiestTenantSecond,13} {run.WorkingSetGrowth,13:0.0} {sequential.Seconds / run.Seconds,6:0.0}x {parallel.Seconds / run.Seconds,6:0.0}x");

    private static string Met(bool met) => met ? "met" : "NOT met";

    private sealed record Measurement(double Seconds, int Requests, int Throttled, int BusiestTenantSecond, double WorkingSetGrowth);
}
