
namespace MSCommerce.Stub.Tests;

/// <summary>A stopped service lets go of its database: nothing in this process still holds its files open, so they can be deleted or moved (on Windows, open files are locked).</summary>
public sealed class ServiceDisposalTests
{
    private static readonly string[] DatabaseFiles = ["", "-wal", "-shm"];

    [Fact]
    public async Task A_disposed_service_holds_none_of_its_database_files_open()
    {
        var service = await LocalService.StartAsync();
        var database = service.DatabasePath;
        try
        {
            service.Admin.NewTenant();
            Assert.NotEmpty(OpenFiles(database));

            await service.StopAsync();

            Assert.Empty(OpenFiles(database));
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    /// <summary>The database files this process has open, read from /proc/self/fd (Linux), or found locked by opening them unshared (elsewhere).</summary>
    private static IReadOnlyList<string> OpenFiles(string database)
    {
        var files = DatabaseFiles.Select(suffix => database + suffix).Where(File.Exists).ToList();
        if (Directory.Exists("/proc/self/fd"))
        {
            var open = new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
                .Select(descriptor => { try { return descriptor.LinkTarget; } catch (IOException) { return null; } })
                .ToHashSet();
            return files.Where(open.Contains).ToList();
        }

        return files.Where(IsLocked).ToList();
    }

    private static bool IsLocked(string path)
    {
        try
        {
            using var _ = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
