using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>The local commerce service on a free loopback port, its SQLite database in a temp folder of its own.</summary>
public sealed class LocalServiceFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mscommerce-tests-" + Guid.NewGuid().ToString("N"));
    private CommerceService? _service;

    public Uri BaseAddress => _service?.BaseAddress ?? throw new InvalidOperationException("The local commerce service has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _service = await CommerceService.StartAsync(new CommerceServiceOptions
        {
            DatabasePath = Path.Combine(_folder, "commerce.db"),
            Seed = "demo",
        });
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
