using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

/// <summary>
/// Purchases and trials, their order history and licence assignments. Lists are keyset-paged in
/// (purchase date, subscription id) order, so a page never depends on how many rows lie before it.
/// </summary>
public sealed class PurchaseStore(CommerceDatabase database)
{
    private const string Select = $"""
        SELECT p.subscription_id, p.tenant_id, p.product_id, pr.product_name, p.owner_type, p.purchaser_object_id, u.user_principal_name, u.display_name,
               p.quantity, (SELECT COUNT(*) FROM purchase_assignments a WHERE a.subscription_id = p.subscription_id),
               p.status, p.is_trial, p.purchase_date, p.expiration_date, p.auto_renew, p.unit_price_cents, p.currency, p.billing_frequency,
               {PurchaserStates.Sql}
        FROM purchases p
        JOIN products pr ON pr.product_id = p.product_id
        LEFT JOIN users u ON u.object_id = p.purchaser_object_id
        """;

    public IReadOnlyList<Purchase> List(PurchaseFilter filter)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var sql = new StringBuilder(Select).Append(" WHERE p.tenant_id = $tenant");
        command.Parameters.AddWithValue("$tenant", filter.TenantId);

        void Where(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (filter.OwnerType is { } ownerType)
        {
            Where("p.owner_type = $owner", "$owner", ownerType);
        }
        else if (!filter.IncludeOrganization)
        {
            Where("p.owner_type = $owner", "$owner", OwnerTypes.User);
        }

        if (filter.ProductId is { } product)
        {
            Where("p.product_id = $product COLLATE NOCASE", "$product", product);
        }

        if (filter.Purchaser is { } purchaser)
        {
            Where("p.purchaser_object_id IN (SELECT object_id FROM users WHERE tenant_id = $tenant AND (object_id = $purchaser COLLATE NOCASE OR user_principal_name = $purchaser))", "$purchaser", purchaser);
        }

        if (filter.PurchaserState is { } purchaserState)
        {
            Where($"({PurchaserStates.Sql}) = $purchaserState", "$purchaserState", purchaserState);
        }

        if (filter.OwnedBy is { } ownedBy)
        {
            Where("p.purchaser_object_id = $ownedBy", "$ownedBy", ownedBy);
        }

        if (filter.Status is { } status)
        {
            Where("p.status = $status", "$status", status);
        }

        if (filter.IsTrial is { } isTrial)
        {
            Where("p.is_trial = $trial", "$trial", isTrial);
        }

        if (filter.CreatedAfter is { } createdAfter)
        {
            Where("p.purchase_date > $createdAfter", "$createdAfter", StoredTime.Format(createdAfter));
        }

        if (filter.ExpiringBefore is { } expiringBefore)
        {
            Where("p.expiration_date < $expiringBefore", "$expiringBefore", StoredTime.Format(expiringBefore));
        }

        if (filter.After is { } after)
        {
            Where("(p.purchase_date, p.subscription_id) > ($afterDate, $afterId)", "$afterDate", StoredTime.Format(after.PurchaseDate));
            command.Parameters.AddWithValue("$afterId", after.SubscriptionId);
        }

        sql.Append(" ORDER BY p.purchase_date, p.subscription_id LIMIT $take");
        command.Parameters.AddWithValue("$take", filter.Take);
        command.CommandText = sql.ToString();
        return ReadPurchases(command).ToList();
    }

    /// <summary>One purchase of the tenant; central (Organization) subscriptions only when asked for.</summary>
    public Purchase? Find(string tenantId, string subscriptionId, bool includeOrganization = false)
    {
        using var connection = database.Open();
        using var command = FindCommand(connection, null, tenantId, subscriptionId, includeOrganization);
        return ReadPurchases(command).FirstOrDefault();
    }

    public IReadOnlyDictionary<string, IReadOnlyList<OrderEvent>> History(IReadOnlyCollection<string> subscriptionIds)
    {
        var history = subscriptionIds.ToDictionary(id => id, _ => (IReadOnlyList<OrderEvent>)new List<OrderEvent>());
        if (subscriptionIds.Count == 0)
        {
            return history;
        }

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT subscription_id, event_type, event_date, quantity, amount_cents, currency FROM purchase_events
            WHERE subscription_id IN ({InList(command, subscriptionIds)}) ORDER BY subscription_id, sequence
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ((List<OrderEvent>)history[reader.GetString(0)]).Add(new OrderEvent(reader.GetString(1), StoredTime.Parse(reader.GetString(2)), reader.GetInt32(3), reader.GetInt64(4), reader.GetString(5)));
        }

        return history;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<AssignedUser>> Assignees(IReadOnlyCollection<string> subscriptionIds)
    {
        var assignees = subscriptionIds.ToDictionary(id => id, _ => (IReadOnlyList<AssignedUser>)new List<AssignedUser>());
        if (subscriptionIds.Count == 0)
        {
            return assignees;
        }

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT a.subscription_id, u.object_id, u.user_principal_name, u.display_name, {PurchaserStates.Sql}
            FROM purchase_assignments a JOIN users u ON u.object_id = a.user_object_id
            WHERE a.subscription_id IN ({InList(command, subscriptionIds)}) ORDER BY a.subscription_id, u.user_principal_name
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ((List<AssignedUser>)assignees[reader.GetString(0)]).Add(ReadAssignee(reader, 1));
        }

        return assignees;
    }

    /// <summary>Stores one purchase; false when its subscription id is taken.</summary>
    public bool Add(NewPurchase purchase) => AddMany([purchase]) == 1;

    /// <summary>
    /// Stores purchases in one transaction with prepared commands reused for every row (how seeding
    /// stays fast at 100,000s); ids already present are skipped. Returns how many were added.
    /// </summary>
    public int AddMany(IEnumerable<NewPurchase> purchases)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var inserter = new Inserter(connection, transaction);
        var added = 0;
        foreach (var purchase in purchases)
        {
            added += inserter.Insert(purchase) ? 1 : 0;
        }

        transaction.Commit();
        return added;
    }

    public bool Exists(string subscriptionId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM purchases WHERE subscription_id = $id";
        command.Parameters.AddWithValue("$id", subscriptionId);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>
    /// Reads one self-service purchase and lets <paramref name="change"/> check and write it inside one
    /// immediate transaction: concurrent changes queue behind it, so no check is outdated when its
    /// write lands. False when the tenant has no such purchase.
    /// </summary>
    public bool TryChange(string tenantId, string subscriptionId, Action<Purchase, PurchaseWriter> change) =>
        TryChange(tenantId, subscriptionId, includeOrganization: false, change);

    /// <inheritdoc cref="TryChange(string, string, Action{Purchase, PurchaseWriter})"/>
    /// <param name="includeOrganization">Central (Organization) subscriptions can be changed too.</param>
    public bool TryChange(string tenantId, string subscriptionId, bool includeOrganization, Action<Purchase, PurchaseWriter> change)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        Purchase? purchase;
        using (var command = FindCommand(connection, transaction, tenantId, subscriptionId, includeOrganization))
        {
            purchase = ReadPurchases(command).FirstOrDefault();
        }

        if (purchase is null)
        {
            return false;
        }

        change(purchase, new PurchaseWriter(connection, transaction, purchase));
        transaction.Commit();
        return true;
    }

    /// <summary>Another purchase of the tenant, read inside the transaction of a change.</summary>
    internal static Purchase? FindIn(SqliteConnection connection, SqliteTransaction transaction, string tenantId, string subscriptionId, bool includeOrganization)
    {
        using var command = FindCommand(connection, transaction, tenantId, subscriptionId, includeOrganization);
        return ReadPurchases(command).FirstOrDefault();
    }

    private static SqliteCommand FindCommand(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, string subscriptionId, bool includeOrganization)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Select + " WHERE p.tenant_id = $tenant AND p.subscription_id = $id" + (includeOrganization ? "" : " AND p.owner_type = $owner");
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$id", subscriptionId);
        command.Parameters.AddWithValue("$owner", OwnerTypes.User);
        return command;
    }

    private static IEnumerable<Purchase> ReadPurchases(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new Purchase(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt32(8), reader.GetInt32(9), reader.GetString(10), reader.GetBoolean(11),
                StoredTime.Parse(reader.GetString(12)), StoredTime.Parse(reader.GetString(13)), reader.GetBoolean(14),
                reader.GetInt64(15), reader.GetString(16), reader.GetString(17), reader.IsDBNull(18) ? null : reader.GetString(18));
        }
    }

    /// <summary>Who holds a licence of one subscription, those who left included, as this transaction sees it.</summary>
    internal static IReadOnlyList<AssignedUser> AssigneesIn(SqliteConnection connection, SqliteTransaction transaction, string subscriptionId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT u.object_id, u.user_principal_name, u.display_name, {PurchaserStates.Sql}
            FROM purchase_assignments a JOIN users u ON u.object_id = a.user_object_id
            WHERE a.subscription_id = $id ORDER BY u.user_principal_name
            """;
        command.Parameters.AddWithValue("$id", subscriptionId);
        using var reader = command.ExecuteReader();
        var assignees = new List<AssignedUser>();
        while (reader.Read())
        {
            assignees.Add(ReadAssignee(reader, 0));
        }

        return assignees;
    }

    /// <summary>The tenant's central subscriptions of one product, as this transaction sees them.</summary>
    internal static IReadOnlyList<Purchase> OrganizationSubscriptionsIn(SqliteConnection connection, SqliteTransaction transaction, string tenantId, string productId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Select + " WHERE p.tenant_id = $tenant AND p.owner_type = $owner AND p.product_id = $product ORDER BY p.subscription_id";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$owner", OwnerTypes.Organization);
        command.Parameters.AddWithValue("$product", productId);
        return ReadPurchases(command).ToList();
    }

    private static AssignedUser ReadAssignee(SqliteDataReader reader, int first) =>
        new(reader.GetString(first), reader.GetString(first + 1), reader.GetString(first + 2), reader.GetString(first + 3));

    private static string InList(SqliteCommand command, IReadOnlyCollection<string> values)
    {
        var names = new List<string>(values.Count);
        foreach (var value in values)
        {
            var name = "$v" + names.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        return string.Join(", ", names);
    }

    private sealed class Inserter : IDisposable
    {
        private readonly SqliteCommand _purchase;
        private readonly SqliteCommand _event;
        private readonly SqliteCommand _assignment;

        public Inserter(SqliteConnection connection, SqliteTransaction transaction)
        {
            _purchase = Prepare(connection, transaction, """
                INSERT OR IGNORE INTO purchases (subscription_id, tenant_id, product_id, owner_type, purchaser_object_id, quantity, status, is_trial,
                    purchase_date, expiration_date, auto_renew, unit_price_cents, currency, billing_frequency)
                VALUES ($id, $tenant, $product, $owner, $purchaser, $quantity, $status, $trial, $purchased, $expires, $renew, $price, $currency, $billing)
                """, "$id", "$tenant", "$product", "$owner", "$purchaser", "$quantity", "$status", "$trial", "$purchased", "$expires", "$renew", "$price", "$currency", "$billing");
            _event = Prepare(connection, transaction, """
                INSERT OR IGNORE INTO purchase_events (subscription_id, sequence, event_type, event_date, quantity, amount_cents, currency)
                VALUES ($id, $sequence, $type, $date, $quantity, $amount, $currency)
                """, "$id", "$sequence", "$type", "$date", "$quantity", "$amount", "$currency");
            _assignment = Prepare(connection, transaction, "INSERT OR IGNORE INTO purchase_assignments (subscription_id, user_object_id, assigned_at) VALUES ($id, $user, $at)", "$id", "$user", "$at");
        }

        public bool Insert(NewPurchase purchase)
        {
            Set(_purchase, purchase.SubscriptionId, purchase.TenantId, purchase.ProductId, purchase.OwnerType, purchase.PurchaserObjectId, purchase.Quantity, purchase.Status, purchase.IsTrial,
                StoredTime.Format(purchase.PurchaseDate), StoredTime.Format(purchase.ExpirationDate), purchase.AutoRenew, purchase.UnitPriceCents, purchase.Currency, purchase.BillingFrequency);
            if (_purchase.ExecuteNonQuery() == 0)
            {
                return false;
            }

            for (var sequence = 0; sequence < purchase.History.Count; sequence++)
            {
                var entry = purchase.History[sequence];
                Set(_event, purchase.SubscriptionId, sequence, entry.EventType, StoredTime.Format(entry.Date), entry.Quantity, entry.AmountCents, entry.Currency);
                _event.ExecuteNonQuery();
            }

            foreach (var user in purchase.AssignedUserIds)
            {
                Set(_assignment, purchase.SubscriptionId, user, StoredTime.Format(purchase.PurchaseDate));
                _assignment.ExecuteNonQuery();
            }

            return true;
        }

        public void Dispose()
        {
            _purchase.Dispose();
            _event.Dispose();
            _assignment.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }

        private static void Set(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }
    }
}
