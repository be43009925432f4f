using System.Globalization;
using System.Text.Json;

namespace MSCommerce.Benchmarks;

/// <summary>
/// Runs Pwsh/Session.ps1 in one long-lived pwsh process against the service, samples that process's
/// working set around each streaming run, and returns what the script measured.
/// </summary>
public static class PwshSession
{
    private const string Marker = "@@";

    public static async Task<SessionResult> RunAsync(BenchmarkService service, string certificatePath, PwshSettings settings)
    {
        using var sampler = new WorkingSetSampler();
        string? result = null;
        void OnLine(string line)
        {
            if (!line.StartsWith(Marker, StringComparison.Ordinal))
            {
                return;
            }

            var (verb, argument) = Split(line[Marker.Length..]);
            switch (verb)
            {
                case "pid": sampler.Attach(int.Parse(argument, CultureInfo.InvariantCulture)); break;
                case "begin": sampler.Begin(); break;
                case "end": sampler.End(argument); break;
                case "result": result = argument; break;
            }
        }

        using (var pwsh = PwshProcess.Start(Repository.Script("Session.ps1"),
        [
            "-Manifest", Repository.Manifest,
            "-Endpoint", service.Service.BaseAddress.AbsoluteUri,
            "-CertificatePath", certificatePath,
            .. DemoApp.Arguments,
            "-Rounds", settings.Rounds.ToString(CultureInfo.InvariantCulture),
            "-Calls", settings.Calls.ToString(CultureInfo.InvariantCulture),
            "-ConnectCalls", settings.ConnectCalls.ToString(CultureInfo.InvariantCulture),
            "-StreamRounds", settings.StreamRounds.ToString(CultureInfo.InvariantCulture),
        ], OnLine))
        {
            await pwsh.WaitAsync(TimeSpan.FromMinutes(30));
        }

        using var document = JsonDocument.Parse(result ?? throw new InvalidOperationException("The pwsh session printed no result."));
        var root = document.RootElement;
        var means = root.GetProperty("PerCallMeans");
        var perCall = root.GetProperty("PerCall").EnumerateObject()
            .ToDictionary(scenario => scenario.Name, scenario => new Figure(Numbers(scenario.Value), Numbers(means.GetProperty(scenario.Name))));
        var streams = root.GetProperty("Streams").EnumerateObject()
            .ToDictionary(stream => stream.Name, stream => (IReadOnlyList<StreamRun>)stream.Value.EnumerateArray().Select(run => StreamRun.From(run, sampler.GrowthMegabytes(stream.Name))).ToArray());
        return new SessionResult(perCall, streams);
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(value => value.GetDouble()).ToArray();

    private static (string Verb, string Argument) Split(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..]);
    }
}

public sealed record PwshSettings(int Rounds, int Calls, int ConnectCalls, int StreamRounds, int ColdRounds, int Purchases);

public sealed record SessionResult(IReadOnlyDictionary<string, Figure> PerCall, IReadOnlyDictionary<string, IReadOnlyList<StreamRun>> Streams);

/// <summary>One streaming run as the script measured it, with the working-set growth the parent sampled.</summary>
public sealed record StreamRun(int Count, double Seconds, double PeakHeapGrowthMegabytes, double PeakWorkingSetGrowthMegabytes, int Pages, double FirstObjectMs, double? SecondPageAnsweredMs)
{
    public double ObjectsPerSecond => Count / Seconds;

    /// <summary>The first object reached the consumer before the service had answered the second page (or there was only one).</summary>
    public bool FirstObjectBeforeSecondPage => SecondPageAnsweredMs is not { } second || FirstObjectMs < second;

    public static StreamRun From(JsonElement run, IReadOnlyList<double> workingSetGrowth)
    {
        var index = run.GetProperty("Index").GetInt32();
        var second = run.GetProperty("SecondPageAnsweredMs");
        return new StreamRun(run.GetProperty("Count").GetInt32(), run.GetProperty("Seconds").GetDouble(), run.GetProperty("PeakHeapGrowthMB").GetDouble(),
            index < workingSetGrowth.Count ? workingSetGrowth[index] : double.NaN, run.GetProperty("Pages").GetInt32(), run.GetProperty("FirstObjectMs").GetDouble(),
            second.ValueKind == JsonValueKind.Number ? second.GetDouble() : null);
    }
}

/// <summary>Per-round figures of one scenario (each round's median call, and when known each round's mean): the median of them, their spread, the overall mean.</summary>
public sealed record Figure(IReadOnlyList<double> Rounds, IReadOnlyList<double>? RoundMeans = null)
{
    /// <summary>The mean call over all rounds (rounds have equal counts), or the median when only medians are known.</summary>
    public double Mean => RoundMeans is { Count: > 0 } means ? means.Average() : Median;

    public double Median => Statistics.Median(Rounds);

    public double Min => Rounds.Min();

    public double Max => Rounds.Max();
}
