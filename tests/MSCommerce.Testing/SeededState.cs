using System.Collections.Concurrent;
using MSCommerce.Stub;
using MSCommerce.Stub.Hosting;

namespace MSCommerce.Testing;

/// <summary>
/// The state a first start leaves beside the database (the seeded database, the service's certificate, its
/// token-signing key, the demo app's certificate), made once per test process for each seed and copied for
/// each new service. A first start makes three RSA keys, about 0.3 CPU-seconds each on a CI machine, and seeds
/// the demo data; a service started on a copy does what a restart does. Tests of the first start itself start
/// the service on a folder of their own.
/// </summary>
public static class SeededState
{
    private static readonly ConcurrentDictionary<Seed, Lazy<Task<string>>> Templates = new();

    /// <summary>Copies the first-start state of <paramref name="options"/>'s seed beside its database, making it first if needed.</summary>
    public static async Task CopyToAsync(CommerceServiceOptions options)
    {
        var seed = new Seed(options.Seed, options.SeedProducts, options.SeedPurchases, options.SeedCustomers);
        var template = await Templates.GetOrAdd(seed, key => new Lazy<Task<string>>(() => MakeAsync(key))).Value;
        foreach (var (from, to) in StateFiles.Of(template).Zip(StateFiles.Of(options.DatabasePath)))
        {
            if (File.Exists(from))
            {
                File.Copy(from, to);
            }
        }
    }

    private static async Task<string> MakeAsync(Seed seed)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mscommerce-seeded-" + Guid.NewGuid().ToString("N"))).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var database = Path.Combine(folder, "commerce.db");
        var options = new CommerceServiceOptions
        {
            DatabasePath = database,
            Seed = seed.Name,
            SeedProducts = seed.Products,
            SeedPurchases = seed.Purchases,
            SeedCustomers = seed.Customers,
        };
        await (await CommerceService.StartAsync(options)).DisposeAsync();
        return database;
    }

    private sealed record Seed(string? Name, int Products, int Purchases, int Customers);
}
