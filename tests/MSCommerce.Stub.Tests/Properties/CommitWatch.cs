using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Whether the service committed anything to its database since the last look. SQLite's data_version, read on a
/// connection of our own, changes with every commit another connection makes. A refused request must commit nothing:
/// that says more than comparing what the tenant's admin can read (it covers rows no endpoint shows), and it costs
/// one pragma instead of six reads over HTTPS, for each of thousands of generated cases.
/// </summary>
internal sealed class CommitWatch : IDisposable
{
    private readonly SqliteConnection _connection;
    private long _seen;

    public CommitWatch(string databasePath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        _connection.Open();
        _seen = DataVersion();
    }

    /// <summary>How many calls of <see cref="Committed"/> saw a commit: a property with accepted changes must see some, or the watch sees nothing.</summary>
    public int CommitsSeen { get; private set; }

    /// <summary>True when a commit happened since the last call (or since the watch started).</summary>
    public bool Committed()
    {
        var now = DataVersion();
        var committed = now != _seen;
        _seen = now;
        CommitsSeen += committed ? 1 : 0;
        return committed;
    }

    public void Dispose() => _connection.Dispose();

    private long DataVersion()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }
}
