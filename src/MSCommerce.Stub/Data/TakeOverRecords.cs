using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

/// <summary>What became of one user of a purchase taken over.</summary>
public static class TakeOverOutcomes
{
    /// <summary>Their licence moved to the destination.</summary>
    public const string Moved = "Moved";

    /// <summary>They left the organisation: their licence was released, not moved.</summary>
    public const string Released = "Released";

    /// <summary>They already held the destination's licence: they were only taken off the purchase.</summary>
    public const string AlreadyAssigned = "AlreadyAssigned";
}

/// <summary>A purchase taken over: when, by whom, by which call, where its users went and what became of each.</summary>
public sealed record TakeOverRecord(
    string SubscriptionId, string? DestinationId, DateTime At, string By, string CorrelationId,
    IReadOnlyList<AssignedUser> Moved, IReadOnlyList<AssignedUser> Released, IReadOnlyList<AssignedUser> AlreadyAssigned);

/// <summary>
/// The take-overs of purchases, written in the transaction of the take-over itself: what a retried
/// take-over answers, since the purchase it finds has no users left to say what happened.
/// </summary>
public sealed class TakeOverRecords(CommerceDatabase database)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS purchase_takeovers (
            subscription_id TEXT NOT NULL PRIMARY KEY REFERENCES purchases(subscription_id),
            destination_id TEXT REFERENCES purchases(subscription_id),
            taken_over_at TEXT NOT NULL,
            taken_over_by TEXT NOT NULL,
            correlation_id TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS purchase_takeover_users (
            subscription_id TEXT NOT NULL REFERENCES purchase_takeovers(subscription_id),
            user_object_id TEXT NOT NULL REFERENCES users(object_id),
            outcome TEXT NOT NULL,
            PRIMARY KEY (subscription_id, user_object_id)) WITHOUT ROWID;
        """;

    public TakeOverRecord? Find(string tenantId, string subscriptionId)
    {
        using var connection = database.Open();
        return FindIn(connection, null, tenantId, subscriptionId);
    }

    internal static TakeOverRecord? FindIn(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, string subscriptionId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT t.destination_id, t.taken_over_at, t.taken_over_by, t.correlation_id
            FROM purchase_takeovers t JOIN purchases p ON p.subscription_id = t.subscription_id
            WHERE t.subscription_id = $id AND p.tenant_id = $tenant
            """;
        command.Parameters.AddWithValue("$id", subscriptionId);
        command.Parameters.AddWithValue("$tenant", tenantId);
        string? destination;
        DateTime at;
        string by, correlation;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            (destination, at, by, correlation) = (reader.IsDBNull(0) ? null : reader.GetString(0), StoredTime.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3));
        }

        command.CommandText = $"""
            SELECT o.outcome, u.object_id, u.user_principal_name, u.display_name, {PurchaserStates.Sql}
            FROM purchase_takeover_users o JOIN users u ON u.object_id = o.user_object_id
            WHERE o.subscription_id = $id ORDER BY u.user_principal_name
            """;
        var users = new List<(string Outcome, AssignedUser User)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                users.Add((reader.GetString(0), new AssignedUser(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))));
            }
        }

        IReadOnlyList<AssignedUser> With(string outcome) => users.Where(user => user.Outcome == outcome).Select(user => user.User).ToList();
        return new TakeOverRecord(subscriptionId, destination, at, by, correlation, With(TakeOverOutcomes.Moved), With(TakeOverOutcomes.Released), With(TakeOverOutcomes.AlreadyAssigned));
    }

    internal static void Write(SqliteConnection connection, SqliteTransaction transaction, string subscriptionId, ChangeActor actor, string? destinationId, IEnumerable<(string UserObjectId, string Outcome)> users)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO purchase_takeovers (subscription_id, destination_id, taken_over_at, taken_over_by, correlation_id)
            VALUES ($id, $destination, $at, $by, $correlation)
            """;
        command.Parameters.AddWithValue("$id", subscriptionId);
        command.Parameters.AddWithValue("$destination", (object?)destinationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", StoredTime.Format(actor.At));
        command.Parameters.AddWithValue("$by", actor.ChangedBy);
        command.Parameters.AddWithValue("$correlation", actor.CorrelationId);
        command.ExecuteNonQuery();

        command.CommandText = "INSERT INTO purchase_takeover_users (subscription_id, user_object_id, outcome) VALUES ($id, $user, $outcome)";
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$id", subscriptionId);
        var user = command.Parameters.Add("$user", SqliteType.Text);
        var outcome = command.Parameters.Add("$outcome", SqliteType.Text);
        foreach (var (userObjectId, what) in users)
        {
            user.Value = userObjectId;
            outcome.Value = what;
            command.ExecuteNonQuery();
        }
    }
}
