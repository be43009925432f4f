using System.Net;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>The database and the private keys the service keeps beside it are readable by their owner only.</summary>
[Collection(ServiceCollection.Name)]
public sealed class SecretFileTests(ServiceFixture service)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] SecretSuffixes = [".signing-key.pem", ".pfx", ".demo-app.pfx"];

    // The database in WAL mode: the file, its write-ahead log and its shared-memory index.
    private static readonly string[] DatabaseSuffixes = ["", "-wal", "-shm"];

    public static TheoryData<string> Secrets => new(SecretSuffixes.Append(""));

    [Theory]
    [MemberData(nameof(Secrets))]
    public void A_secret_the_service_created_is_owner_only(string suffix)
    {
        var path = service.DatabasePath + suffix;

        Assert.True(File.Exists(path), $"{path} is missing");
        Assert.Equal(OwnerOnly, Mode(path));
    }

    [Fact]
    public void The_write_ahead_log_and_shared_memory_index_beside_the_database_are_owner_only()
    {
        // They exist while a connection is open; SQLite creates them with the database file's mode.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={service.DatabasePath};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT count(*) FROM tenants";
        read.ExecuteScalar();

        Assert.All(DatabaseSuffixes, suffix =>
        {
            Assert.True(File.Exists(service.DatabasePath + suffix), $"{service.DatabasePath + suffix} is missing");
            Assert.Equal(OwnerOnly, Mode(service.DatabasePath + suffix));
        });
    }

    [Fact]
    public void No_temporary_copy_of_a_secret_is_left_beside_the_database()
    {
        Assert.Empty(Directory.GetFiles(service.Folder, "*.tmp"));
    }

    [Fact]
    public async Task Secrets_left_readable_by_an_older_version_are_made_owner_only_on_start()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mscommerce-secrets-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(folder, "commerce.db");
        Directory.CreateDirectory(folder);
        try
        {
            var options = new CommerceServiceOptions { Urls = "https://127.0.0.1:0", DatabasePath = database, Seed = "demo" };
            await (await CommerceService.StartAsync(options)).DisposeAsync();
            foreach (var suffix in SecretSuffixes.Append(""))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(database + suffix, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }
            }

            await using var restarted = await CommerceService.StartAsync(options);
            using var http = ServiceFixture.TrustingClient(restarted);
            using var discovery = await http.GetAsync($"{DemoData.ContosoDomain}/discovery/v2.0/keys");

            discovery.AssertStatus(HttpStatusCode.OK);
            Assert.All(SecretSuffixes.Append(""), suffix => Assert.Equal(OwnerOnly, Mode(database + suffix)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static UnixFileMode Mode(string path) =>
        OperatingSystem.IsWindows() ? OwnerOnly : File.GetUnixFileMode(path);
}
