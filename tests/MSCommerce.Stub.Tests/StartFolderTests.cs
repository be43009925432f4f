namespace MSCommerce.Stub.Tests;

/// <summary>The folder a person starts the service in (a home folder, a repository) is theirs: the service does not watch it.</summary>
public sealed class StartFolderTests : IDisposable
{
    private const int Subfolders = 300;
    private readonly string _folder = Directory.CreateTempSubdirectory("mscommerce-start-folder-").FullName;

    [Fact]
    public async Task Started_in_a_folder_of_300_subfolders_the_service_holds_no_file_watch_on_them()
    {
        // inotify watches are listed in /proc/<pid>/fdinfo on Linux, where CI runs; elsewhere there is nothing to count.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        for (var index = 0; index < Subfolders; index++)
        {
            Directory.CreateDirectory(Path.Combine(_folder, "work", $"project{index / 30}", $"folder{index}"));
        }

        using var service = await ServiceProcess.StartAsync(Path.Combine(_folder, "commerce.db"), TimeSpan.FromSeconds(60), workingDirectory: _folder);
        using var controls = service.Admin(TimeSpan.FromSeconds(30));
        await controls.PostAsync("_admin/tenants", new { domain = "folder.onmicrosoft.com", displayName = "Folder" });

        // Each watch of a folder below the start folder used to be one line here (ASP.NET Core watched appsettings.json
        // there, through every subfolder): from a home folder, thousands, and past inotify's limit a failed start.
        Assert.Equal(0, InotifyWatches(service.ProcessId));
    }

    private static int InotifyWatches(int processId) =>
        Directory.EnumerateFiles($"/proc/{processId}/fdinfo")
            .Sum(file =>
            {
                try
                {
                    return File.ReadLines(file).Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal));
                }
                catch (IOException)
                {
                    return 0; // a descriptor closed while it was read
                }
            });

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
