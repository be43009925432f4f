using System.Diagnostics;

namespace MSCommerce.Benchmarks;

/// <summary>
/// Samples another process's working set every 10 ms between a begin and an end marker, and keeps,
/// for each run, how far its peak rose above the working set at the begin marker.
/// </summary>
public sealed class WorkingSetSampler : IDisposable
{
    private readonly Dictionary<string, List<double>> _growthMegabytes = new();
    private Process? _process;
    private CancellationTokenSource? _sampling;
    private Task<(long Start, long Peak)>? _run;

    public IReadOnlyList<double> GrowthMegabytes(string name) => _growthMegabytes.TryGetValue(name, out var runs) ? runs : [];

    public void Attach(int processId) => _process = Process.GetProcessById(processId);

    public void Begin()
    {
        var process = _process ?? throw new InvalidOperationException("No process to sample: the pwsh script did not report its id.");
        _sampling = new CancellationTokenSource();
        var token = _sampling.Token;
        _run = Task.Run(async () =>
        {
            process.Refresh();
            var start = process.WorkingSet64;
            var peak = start;
            while (!token.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(10, CancellationToken.None);
            }

            return (start, peak);
        });
    }

    public void End(string name)
    {
        if (_sampling is null || _run is null)
        {
            return;
        }

        _sampling.Cancel();
        var (start, peak) = _run.Wait(TimeSpan.FromSeconds(10)) ? _run.Result : throw new TimeoutException("The working-set sampler did not stop.");
        _sampling.Dispose();
        _sampling = null;
        _run = null;
        if (!_growthMegabytes.TryGetValue(name, out var runs))
        {
            _growthMegabytes[name] = runs = new List<double>();
        }

        runs.Add((peak - start) / 1024.0 / 1024.0);
    }

    public void Dispose()
    {
        _sampling?.Cancel();
        _sampling?.Dispose();
        _process?.Dispose();
    }
}
