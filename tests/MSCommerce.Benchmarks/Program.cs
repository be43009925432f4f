using MSCommerce.Benchmarks;

// Usage: dotnet run --project tests/MSCommerce.Benchmarks -c Release -- [baseline|purchases|import [other SelfServicePurchase.psd1 ...]|pwsh [--quick]|fleet [customers]|all|kill-storm [kills]|memory [gets]]
var which = args.Length > 0 ? args[0] : "all";
if (which is "baseline" or "all")
{
    await BaselineSyncBenchmark.RunAsync();
}

if (which is "purchases" or "all")
{
    await PurchaseStreamingBenchmark.RunAsync();
}

if (which is "import" or "all")
{
    await ImportBenchmark.RunAsync(which == "import" ? args.Skip(1).ToArray() : []);
}

if (which is "pwsh" or "all")
{
    await PwshBenchmark.RunAsync(quick: args.Contains("--quick"));
}

if (which is "fleet" or "all")
{
    await FleetBenchmark.RunAsync(which == "fleet" && args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
}

if (which is "kill-storm")
{
    return await KillStormSoak.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : KillStormSoak.DefaultKills);
}

if (which is "memory")
{
    await ServiceMemoryBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : ServiceMemoryBenchmark.DefaultGets);
}

return 0;
