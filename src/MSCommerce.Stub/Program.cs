using MSCommerce.Stub;

CommerceServiceOptions options;
try
{
    options = CommerceServiceOptions.FromArguments(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

await using var service = await CommerceService.StartAsync(options);
Console.WriteLine($"Local commerce service listening on {service.BaseAddress} (database {options.DatabasePath}). Press Ctrl+C to stop.");
var stopped = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
await stopped.Task;
return 0;
