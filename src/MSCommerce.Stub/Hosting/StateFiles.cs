namespace MSCommerce.Stub.Hosting;

/// <summary>
/// The files the local service keeps for one database, all beside it: the SQLite database and the files
/// SQLite makes next to it, the service's certificate and token signing key, and the demo app's certificate.
/// Deleting them all gives the state of a first start.
/// </summary>
public static class StateFiles
{
    private static readonly string[] Suffixes = ["", "-wal", "-shm", "-journal", ".pfx", ".cer", ".signing-key.pem", ".demo-app.pfx"];

    public static IReadOnlyList<string> Of(string databasePath) => Suffixes.Select(suffix => databasePath + suffix).ToList();

    /// <summary>
    /// Deletes the files of <paramref name="databasePath"/> that exist, and nothing else in their folder; answers
    /// those deleted. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when one cannot be
    /// deleted (on Windows: in use by a running service).
    /// </summary>
    public static IReadOnlyList<string> Delete(string databasePath)
    {
        var deleted = new List<string>();
        foreach (var file in Of(databasePath).Where(File.Exists))
        {
            File.Delete(file);
            deleted.Add(file);
        }

        return deleted;
    }
}
