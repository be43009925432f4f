using System.Text;
using MSCommerce.Stub.Api;
using MSCommerce.Stub.Hosting;
using MSCommerce.Stub.Identity;

namespace MSCommerce.Stub;

/// <summary>The service's command line: one table that both reads the arguments and prints --help.</summary>
internal static class CommandLineOptions
{
    private sealed record Option(string Name, string? Value, string Description, Action<CommerceServiceOptions, Func<string>> Apply);

    private static readonly Option[] Table =
    [
        new("--urls", "<url>", "Where to listen (HTTPS on loopback); port 0 picks a free one. Default https://127.0.0.1:5443.", (o, next) => o.Urls = next()),
        new("--db", "<path>", "The SQLite database; its keys and certificate are kept beside it. Default: your local application data folder, MSCommerce/commerce.db.", (o, next) => o.DatabasePath = Path.GetFullPath(next())),
        new("--seed", "demo", "On first start, create the demo tenants, users, apps, purchases and a partner.", (o, next) => o.Seed = next()),
        new("--seed-products", "<N>", "N more catalog products, for scale.", (o, next) => o.SeedProducts = Number("--seed-products", next())),
        new("--seed-purchases", "<N>", "N generated purchases each in Contoso and Fabrikam (needs --seed demo).", (o, next) => o.SeedPurchases = Number("--seed-purchases", next())),
        new("--seed-customers", "<N>", "N customer tenants of the demo partner, each delegated to partner@fabrikam as Billing Administrator (needs --seed demo).", (o, next) => o.SeedCustomers = Number("--seed-customers", next())),
        new("--seed-tenants", "<N>", "The former name of --seed-customers.", (o, next) => o.SeedCustomers = Number("--seed-tenants", next())),
        new("--token-lifetime", "<seconds>", "Lifetime of the tokens it issues. Default 3600.", (o, next) => o.TokenLifetime = TimeSpan.FromSeconds(Number("--token-lifetime", next()))),
        new("--rate-limit", "<N>", "Requests per second per tenant, in bursts of twice as many; 0 turns throttling off. Default 50.", (o, next) => o.RateLimitPerSecond = Number("--rate-limit", next())),
        new("--latency-ms", "<N>", "Milliseconds added to every answer, to rehearse a slow service.", (o, next) => o.Latency = TimeSpan.FromMilliseconds(Number("--latency-ms", next()))),
        new("--lockout-threshold", "<N>", $"Wrong client secrets in a row that lock an app out (AADSTS50053); 0 turns the lockout off. Default {ServiceSettings.DefaultLockoutThreshold}.", (o, next) => o.LockoutThreshold = Number("--lockout-threshold", next())),
        new("--lockout-seconds", "<N>", $"How long a lockout lasts on the service's clock. Default {ServiceSettings.DefaultLockoutDuration.TotalSeconds}.", (o, next) => o.LockoutDuration = TimeSpan.FromSeconds(Positive("--lockout-seconds", next()))),
        new("--no-lockout", null, "No lockout, for load tests.", (o, _) => o.LockoutThreshold = 0),
        new("--device-codes-per-tenant", "<N>", $"Device-code sign-ins that may wait at once in one tenant. Default {DeviceCodeLimits.DefaultPerTenant}.", (o, next) => o.DeviceCodesPerTenant = Positive("--device-codes-per-tenant", next())),
        new("--device-codes", "<N>", $"Device-code sign-ins that may wait at once in the whole service. Default {DeviceCodeLimits.DefaultOverall}.", (o, next) => o.DeviceCodes = Positive("--device-codes", next())),
        new("--test-controls", null, "Turn on /_admin (arrange users, purchases, faults, the clock; approve device codes) and the request log. Off by default.", (o, _) => o.EnableTestControls = true),
        new("--request-log", "<N>", $"With --test-controls: how many of the last calls the request log keeps. Default {RequestLog.DefaultCapacity}.", (o, next) => o.RequestLogCapacity = Positive("--request-log", next())),
    ];

    private static readonly string[] HelpNames = ["--help", "-h", "-?"];

    public static string Help
    {
        get
        {
            var text = new StringBuilder()
                .AppendLine("MSCommerce.Stub: the local commerce service, a stand-in for Microsoft's licensing service and its sign-in.")
                .AppendLine()
                .AppendLine("Usage: MSCommerce.Stub [options]")
                .AppendLine("       dotnet run --project src/MSCommerce.Stub -- [options]")
                .AppendLine()
                .AppendLine("Options:");
            foreach (var option in Table)
            {
                var usage = option.Value is null ? option.Name : $"{option.Name} {option.Value}";
                text.AppendLine($"  {usage,-34} {option.Description}");
            }

            return text.AppendLine($"  {"--help, -h",-34} Show this help.").ToString();
        }
    }

    public static bool AsksForHelp(IReadOnlyList<string> args) => args.Any(argument => HelpNames.Contains(argument, StringComparer.Ordinal));

    /// <summary>Applies the arguments to <paramref name="options"/>. Throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static void Apply(IReadOnlyList<string> args, CommerceServiceOptions options)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var option = Array.Find(Table, candidate => string.Equals(candidate.Name, name, StringComparison.Ordinal))
                ?? throw new ArgumentException($"Unknown option '{name}'. MSCommerce.Stub --help lists the options.");
            option.Apply(options, () => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value."));
        }
    }

    private static int Number(string name, string text) =>
        int.TryParse(text, out var value) && value >= 0 ? value : throw new ArgumentException($"{name} needs a whole number of 0 or more, not '{text}'.");

    private static int Positive(string name, string text) =>
        int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"{name} needs a whole number of 1 or more, not '{text}'.");
}
