using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

/// <summary>Writes to one purchase inside the transaction that read it (see <see cref="PurchaseStore.TryChange"/>).</summary>
public sealed class PurchaseWriter(SqliteConnection connection, SqliteTransaction transaction, Purchase purchase)
{
    public void SetQuantity(int quantity, OrderEvent entry)
    {
        Run("UPDATE purchases SET quantity = $value WHERE subscription_id = $id", ("$value", quantity));
        AddEvent(entry);
    }

    public void Cancel(OrderEvent entry)
    {
        Run("UPDATE purchases SET status = $value, auto_renew = 0 WHERE subscription_id = $id", ("$value", PurchaseStatuses.Cancelled));
        AddEvent(entry);
    }

    public bool IsAssigned(string userObjectId)
    {
        using var command = Command("SELECT 1 FROM purchase_assignments WHERE subscription_id = $id AND user_object_id = $user", ("$user", userObjectId));
        return command.ExecuteScalar() is not null;
    }

    public void Assign(string userObjectId, DateTime at) =>
        Run("INSERT OR IGNORE INTO purchase_assignments (subscription_id, user_object_id, assigned_at) VALUES ($id, $user, $at)", ("$user", userObjectId), ("$at", StoredTime.Format(at)));

    public void Unassign(string userObjectId) =>
        Run("DELETE FROM purchase_assignments WHERE subscription_id = $id AND user_object_id = $user", ("$user", userObjectId));

    /// <summary>Another self-service purchase of the same tenant, as this transaction sees it.</summary>
    public Purchase? SelfServicePurchase(string subscriptionId) =>
        PurchaseStore.FindIn(connection, transaction, purchase.TenantId, subscriptionId, includeOrganization: false);

    /// <summary>Any subscription of the same tenant, central ones included, as this transaction sees it.</summary>
    public Purchase? Subscription(string subscriptionId) =>
        PurchaseStore.FindIn(connection, transaction, purchase.TenantId, subscriptionId, includeOrganization: true);

    public bool IsAssignedTo(string subscriptionId, string userObjectId)
    {
        using var command = Command("SELECT 1 FROM purchase_assignments WHERE subscription_id = $other AND user_object_id = $user", ("$other", subscriptionId), ("$user", userObjectId));
        return command.ExecuteScalar() is not null;
    }

    public void AssignTo(string subscriptionId, string userObjectId, DateTime at) =>
        Run("INSERT OR IGNORE INTO purchase_assignments (subscription_id, user_object_id, assigned_at) VALUES ($other, $user, $at)", ("$other", subscriptionId), ("$user", userObjectId), ("$at", StoredTime.Format(at)));

    /// <summary>Who holds this purchase's licences, those who left included.</summary>
    public IReadOnlyList<AssignedUser> Assignees() => PurchaseStore.AssigneesIn(connection, transaction, purchase.SubscriptionId);

    /// <summary>Who holds another subscription's licences.</summary>
    public IReadOnlyList<AssignedUser> AssigneesOf(string subscriptionId) => PurchaseStore.AssigneesIn(connection, transaction, subscriptionId);

    /// <summary>The tenant's central subscriptions of this purchase's product.</summary>
    public IReadOnlyList<Purchase> OrganizationSubscriptions() =>
        PurchaseStore.OrganizationSubscriptionsIn(connection, transaction, purchase.TenantId, purchase.ProductId);

    /// <summary>The take-over of this purchase, when it was taken over.</summary>
    public TakeOverRecord? TakeOver() => TakeOverRecords.FindIn(connection, transaction, purchase.TenantId, purchase.SubscriptionId);

    /// <summary>Records who took this purchase over, where its users went and what became of each.</summary>
    public void RecordTakeOver(ChangeActor actor, string? destinationId, IEnumerable<(string UserObjectId, string Outcome)> users) =>
        TakeOverRecords.Write(connection, transaction, purchase.SubscriptionId, actor, destinationId, users);

    public void UnassignFrom(string subscriptionId, string userObjectId) =>
        Run("DELETE FROM purchase_assignments WHERE subscription_id = $other AND user_object_id = $user", ("$other", subscriptionId), ("$user", userObjectId));

    /// <summary>Records what changed in the purchase audit, in the transaction of the change itself.</summary>
    public void Audit(ChangeActor actor, string subscriptionId, string action, string detail) =>
        PurchaseAudit.Write(connection, transaction, purchase.TenantId, actor, subscriptionId, action, detail);

    private void AddEvent(OrderEvent entry) =>
        Run("""
            INSERT INTO purchase_events (subscription_id, sequence, event_type, event_date, quantity, amount_cents, currency)
            VALUES ($id, (SELECT COALESCE(MAX(sequence) + 1, 0) FROM purchase_events WHERE subscription_id = $id), $type, $date, $quantity, $amount, $currency)
            """,
            ("$type", entry.EventType), ("$date", StoredTime.Format(entry.Date)), ("$quantity", entry.Quantity), ("$amount", entry.AmountCents), ("$currency", entry.Currency));

    private void Run(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", purchase.SubscriptionId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
