using MSCommerce.Stub.Api;
using MSCommerce.Stub.Hosting;
using MSCommerce.Stub.Identity;

namespace MSCommerce.Stub;

/// <summary>How to start the local commerce service.</summary>
public sealed class CommerceServiceOptions
{

    /// <summary>Where it listens (HTTPS, loopback); port 0 picks a free port.</summary>
    public string Urls { get; set; } = "https://127.0.0.1:0";

    /// <summary>The SQLite database file holding the service's state; its certificate and signing key live beside it.</summary>
    public string DatabasePath { get; set; } = DefaultDatabasePath();

    /// <summary>Data to create on first start: "demo" or none.</summary>
    public string? Seed { get; set; }

    /// <summary>Extra catalog products to seed, for benchmarks at scale.</summary>
    public int SeedProducts { get; set; }

    /// <summary>Generated purchases per demo tenant (Contoso, Fabrikam), for paging and benchmarks at scale; needs the demo seed.</summary>
    public int SeedPurchases { get; set; }

    /// <summary>
    /// Customer tenants of the Fabrikam partner (customer0001.onmicrosoft.com, ...), each with a Global Administrator, the
    /// partner as delegated Billing Administrator through a GDAP relationship and the partner's app consented: partner loops at scale.
    /// </summary>
    public int SeedCustomers { get; set; }

    /// <summary>The former name of <see cref="SeedCustomers"/>, kept so that existing callers go on working.</summary>
    public int SeedTenants
    {
        get => SeedCustomers;
        set => SeedCustomers = value;
    }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Per-tenant requests per second (a burst of twice as many); 0 turns the limit off.</summary>
    public int RateLimitPerSecond { get; set; } = 50;

    public TimeSpan Latency { get; set; }

    /// <summary>Wrong client secrets in a row that lock an app's secret sign-ins out (AADSTS50053); 0 turns the lockout off (--no-lockout, for load tests).</summary>
    public int LockoutThreshold { get; set; } = ServiceSettings.DefaultLockoutThreshold;

    /// <summary>How long, on the service's clock, a lockout lasts.</summary>
    public TimeSpan LockoutDuration { get; set; } = ServiceSettings.DefaultLockoutDuration;

    /// <summary>Device-code sign-ins that may wait at once in one tenant (a multi-tenant alias counts as one).</summary>
    public int DeviceCodesPerTenant { get; set; } = DeviceCodeLimits.DefaultPerTenant;

    /// <summary>Device-code sign-ins that may wait at once in the whole service.</summary>
    public int DeviceCodes { get; set; } = DeviceCodeLimits.DefaultOverall;

    /// <summary>Maps /_admin (tests and demos arrange data and faults there) and keeps the request log. Off unless asked for.</summary>
    public bool EnableTestControls { get; set; }

    /// <summary>With the test controls: how many of the last API calls the request log keeps.</summary>
    public int RequestLogCapacity { get; set; } = RequestLog.DefaultCapacity;

    public static string DefaultDatabasePath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "MSCommerce", "commerce.db");

    /// <summary>What --help prints: every option, from the same table the command line is read with.</summary>
    public static string Help => CommandLineOptions.Help;

    /// <summary>Whether the command line asks for --help (-h, -?), whatever else it says.</summary>
    public static bool AsksForHelp(IReadOnlyList<string> args) => CommandLineOptions.AsksForHelp(args);

    /// <summary>The options of a command line; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static CommerceServiceOptions FromArguments(IReadOnlyList<string> args)
    {
        var options = new CommerceServiceOptions { Urls = "https://127.0.0.1:5443" };
        CommandLineOptions.Apply(args, options);

        if (options.Seed is not null and not "demo")
        {
            throw new ArgumentException($"--seed takes 'demo', not '{options.Seed}'.");
        }

        if (options.SeedPurchases > 0 && options.Seed is null)
        {
            throw new ArgumentException("--seed-purchases needs --seed demo: the purchases are made by the demo tenants' users.");
        }

        if (options.SeedCustomers > 0 && options.Seed is null)
        {
            throw new ArgumentException("--seed-customers (or --seed-tenants) needs --seed demo: the tenants are customers of the demo partner.");
        }

        return options;
    }
}
