namespace MSCommerce.Stub.Hosting;

/// <summary>
/// Files that hold private keys or the service's state: on Unix they are owner-only (0600) from the moment they exist. A new one
/// is written under a temporary name created with that mode and then renamed into place, so no reader
/// ever sees it readable by others or half written; one left by an older version is tightened.
/// </summary>
public static class PrivateFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// The database and its write-ahead log and shared-memory index: the empty database file is created
    /// owner-only before SQLite opens it, and SQLite gives the -wal and -shm files it creates the mode of
    /// the database. Files left readable by an older version are tightened.
    /// </summary>
    public static void EnsureDatabase(string path)
    {
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            try
            {
                new FileStream(path, options).Dispose();
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created by another process starting on the same database at the same moment: tightened below.
            }
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            Restrict(file);
        }
    }

    /// <summary>Makes an existing file owner-only on Unix; no-op on Windows, where the profile folder's ACL applies.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
