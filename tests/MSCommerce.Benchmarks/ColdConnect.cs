using System.Globalization;

namespace MSCommerce.Benchmarks;

/// <summary>
/// Signing in with the client secret as the first thing a new pwsh process does (Pwsh/ColdConnect.ps1):
/// Connect-MSCommerce, bare MSAL and a raw HttpClient POST, one process per sample, interleaved in rounds.
/// </summary>
public static class ColdConnect
{
    public const string Ours = "Ours";
    public const string Msal = "Msal";
    public const string Raw = "Raw";

    private const string MsalVersion = "4.92.0";
    private const string AbstractionsVersion = "8.14.0";

    public static async Task<ColdConnectResult> RunAsync(BenchmarkService service, string certificatePath, int rounds)
    {
        var msalFolder = MsalFolder(service);
        var pem = service.TempFile("service.pem");
        await File.WriteAllTextAsync(pem, service.Service.Certificate.ExportCertificatePem());
        var modes = new[] { Ours, Msal, Raw };
        var samples = modes.ToDictionary(mode => mode, _ => new List<ColdSample>());

        foreach (var mode in modes)
        {
            await SampleAsync(service, certificatePath, msalFolder, pem, mode); // restores the tool, warms the disk cache
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < modes.Length; k++)
            {
                var mode = modes[(k + round) % modes.Length];
                samples[mode].Add(await SampleAsync(service, certificatePath, msalFolder, pem, mode));
            }
        }

        return new ColdConnectResult(
            samples.ToDictionary(sample => sample.Key, sample => new Figure(sample.Value.Select(one => one.Milliseconds).ToList())),
            samples.ToDictionary(sample => sample.Key, sample => Statistics.Median(sample.Value.Select(one => (double)one.MethodsCompiled))));
    }

    private static async Task<ColdSample> SampleAsync(BenchmarkService service, string certificatePath, string msalFolder, string pem, string mode)
    {
        ColdSample? sample = null;
        void OnLine(string line)
        {
            if (line.StartsWith("@@result ", StringComparison.Ordinal))
            {
                var figures = line["@@result ".Length..].Split(' ');
                sample = new ColdSample(double.Parse(figures[0], NumberStyles.Float, CultureInfo.InvariantCulture), long.Parse(figures[1], CultureInfo.InvariantCulture));
            }
        }

        // Only MSAL's own HttpClient needs the machine's trust; SSL_CERT_FILE makes the service's certificate the root store of that process.
        var environment = mode == Msal ? new Dictionary<string, string> { ["SSL_CERT_FILE"] = pem } : null;
        using (var pwsh = PwshProcess.Start(Repository.Script("ColdConnect.ps1"),
            ["-Mode", mode, "-Manifest", Repository.Manifest, "-Endpoint", service.Service.BaseAddress.AbsoluteUri, "-CertificatePath", certificatePath, "-MsalFolder", msalFolder, .. DemoApp.Arguments],
            OnLine, environment))
        {
            await pwsh.WaitAsync(TimeSpan.FromMinutes(2));
        }

        return sample ?? throw new InvalidOperationException($"The cold {mode} sign-in printed no result.");
    }

    /// <summary>MSAL and its one dependency side by side, copied from the NuGet packages folder, for Add-Type.</summary>
    private static string MsalFolder(BenchmarkService service)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = service.TempFile("msal");
        Directory.CreateDirectory(folder);
        foreach (var (package, version, file) in new[]
        {
            ("microsoft.identity.client", MsalVersion, "Microsoft.Identity.Client.dll"),
            ("microsoft.identitymodel.abstractions", AbstractionsVersion, "Microsoft.IdentityModel.Abstractions.dll"),
        })
        {
            var source = Path.Combine(packages, package, version, "lib", "net8.0", file);
            if (!File.Exists(source))
            {
                throw new FileNotFoundException($"The MSAL baseline needs {package} {version} in the NuGet packages folder (dotnet restore brings it).", source);
            }

            File.Copy(source, Path.Combine(folder, file), overwrite: true);
        }

        return folder;
    }
}

/// <summary>One cold sign-in: how long it took, and how many methods the JIT compiled meanwhile.</summary>
public sealed record ColdSample(double Milliseconds, long MethodsCompiled);

/// <summary>The cold sign-ins of each mode: their times, and the median count of methods compiled.</summary>
public sealed record ColdConnectResult(IReadOnlyDictionary<string, Figure> Times, IReadOnlyDictionary<string, double> MethodsCompiled);
