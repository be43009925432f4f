using System.Security.Cryptography.X509Certificates;
using MSCommerce.Stub;
using Xunit;

namespace MSCommerce.Testing;

/// <summary>
/// The local commerce service in this process, over real HTTPS on a free 127.0.0.1 port, with the demo
/// data and test controls and no rate limit unless configured otherwise; its SQLite database in a temp
/// folder of its own, deleted when it stops, starting from a copy of the first-start state of its seed
/// (<see cref="SeededState"/>). An xunit fixture as it is, or started by <see cref="StartAsync"/>.
/// </summary>
public class LocalService : IAsyncLifetime, IAsyncDisposable
{
    private readonly Action<CommerceServiceOptions>? _configure;
    private CommerceService? _service;
    private AdminClient? _admin;

    public LocalService()
        : this(null)
    {
    }

    /// <param name="configure">Changes to the options the service starts with (more seed data, limits, test controls off).</param>
    protected LocalService(Action<CommerceServiceOptions>? configure) => _configure = configure;

    /// <summary>A service of its own, started; dispose it at the end of the test.</summary>
    public static async Task<LocalService> StartAsync(Action<CommerceServiceOptions>? configure = null, TimeSpan? callTimeout = null)
    {
        var service = new LocalService(configure) { CallTimeout = callTimeout };
        await service.InitializeAsync();
        return service;
    }

    /// <summary>How long a call of <see cref="Admin"/> may take (HttpClient's 100 s unless set).</summary>
    public TimeSpan? CallTimeout { get; init; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mscommerce-tests-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Folder, "commerce.db");

    public CommerceService Service => _service ?? throw new InvalidOperationException("The local commerce service has not started.");

    public Uri BaseAddress => Service.BaseAddress;

    public X509Certificate2 Certificate => Service.Certificate;

    /// <summary>The test controls, and a client of the whole service trusting exactly its certificate (<see cref="AdminClient.Http"/>).</summary>
    public AdminClient Admin => _admin ?? throw new InvalidOperationException("The local commerce service has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await LaunchAsync("https://127.0.0.1:0", firstLaunch: true);
    }

    /// <summary>Stops and starts the service on the same address and database (tokens name their issuer, which includes it).</summary>
    public async Task RestartAsync()
    {
        var address = BaseAddress;
        await StopAsync();
        await LaunchAsync($"https://127.0.0.1:{address.Port}", firstLaunch: false);
    }

    public virtual async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(Folder, recursive: true);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task LaunchAsync(string urls, bool firstLaunch)
    {
        var options = new CommerceServiceOptions { Urls = urls, DatabasePath = DatabasePath, Seed = "demo", EnableTestControls = true, RateLimitPerSecond = 0 };
        _configure?.Invoke(options);
        if (firstLaunch)
        {
            await SeededState.CopyToAsync(options);
        }

        _service = await CommerceService.StartAsync(options);
        _admin = new AdminClient(_service.BaseAddress, _service.Certificate, CallTimeout);
    }

    /// <summary>Stops the service and keeps its folder (the database, its keys and certificate).</summary>
    public async Task StopAsync()
    {
        _admin?.Dispose();
        _admin = null;
        if (_service is not null)
        {
            await _service.DisposeAsync();
            _service = null;
        }
    }
}
