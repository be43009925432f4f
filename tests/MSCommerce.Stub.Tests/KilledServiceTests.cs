namespace MSCommerce.Stub.Tests;

/// <summary>The service as the kit starts it for tests that kill it: a SIGKILL leaves nothing behind in the temp folder.</summary>
public sealed class KilledServiceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mscommerce-killed-").FullName;

    [Fact]
    public async Task A_service_killed_with_SIGKILL_leaves_no_debugger_pipe_or_diagnostics_socket_in_the_temp_folder()
    {
        using var service = await ServiceProcess.StartAsync(Path.Combine(_folder, "commerce.db"), TimeSpan.FromSeconds(60));
        var processId = service.ProcessId;

        service.Kill(TimeSpan.FromSeconds(30));

        // The runtime names them clr-debug-pipe-<pid>-<key>-in/out and dotnet-diagnostic-<pid>-<key>-socket; only a
        // process that exits normally removes them.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetTempPath(), $"clr-debug-pipe-{processId}-*")
            .Concat(Directory.EnumerateFileSystemEntries(Path.GetTempPath(), $"dotnet-diagnostic-{processId}-*")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
