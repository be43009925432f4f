using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

/// <summary>Who changes a purchase, when, and the correlation id of the call that did it.</summary>
public sealed record ChangeActor(string ChangedBy, string CorrelationId, DateTime At);

/// <summary>One step of a change to a purchase or a central subscription: cancelled, quantity, a licence assigned, unassigned or moved.</summary>
public sealed record PurchaseAuditEntry(long Sequence, DateTimeOffset ChangedAt, string ChangedBy, string SubscriptionId, string Action, string Detail, string CorrelationId);

public static class PurchaseAuditActions
{
    public const string Cancelled = "Cancelled";
    public const string QuantityChanged = "QuantityChanged";
    public const string UserAssigned = "UserAssigned";
    public const string UserUnassigned = "UserUnassigned";
    public const string UserMoved = "UserMoved";
}

/// <summary>The purchase audit: every change to a purchase or subscription, one row per step, written in the change's transaction.</summary>
public sealed class PurchaseAudit(CommerceDatabase database)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS purchase_audit (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant_id TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL,
            subscription_id TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            correlation_id TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS purchase_audit_by_tenant ON purchase_audit (tenant_id, sequence);
        """;

    public static void Write(SqliteConnection connection, SqliteTransaction transaction, string tenantId, ChangeActor actor, string subscriptionId, string action, string detail)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO purchase_audit (tenant_id, changed_at, changed_by, subscription_id, action, detail, correlation_id)
            VALUES ($tenant, $at, $by, $subscription, $action, $detail, $correlation)
            """;
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$at", StoredTime.Format(actor.At));
        command.Parameters.AddWithValue("$by", actor.ChangedBy);
        command.Parameters.AddWithValue("$subscription", subscriptionId);
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$detail", detail);
        command.Parameters.AddWithValue("$correlation", actor.CorrelationId);
        command.ExecuteNonQuery();
    }

    /// <summary>The tenant's entries in the order they were written.</summary>
    public IReadOnlyList<PurchaseAuditEntry> Entries(string tenantId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence, changed_at, changed_by, subscription_id, action, detail, correlation_id
            FROM purchase_audit WHERE tenant_id = $tenant ORDER BY sequence
            """;
        command.Parameters.AddWithValue("$tenant", tenantId);
        using var reader = command.ExecuteReader();
        var entries = new List<PurchaseAuditEntry>();
        while (reader.Read())
        {
            entries.Add(new PurchaseAuditEntry(reader.GetInt64(0), new DateTimeOffset(StoredTime.Parse(reader.GetString(1)), TimeSpan.Zero), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }

        return entries;
    }
}
