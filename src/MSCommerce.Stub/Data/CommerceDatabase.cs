using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

/// <summary>The service's state in SQLite: opens connections and creates the schema.</summary>
public sealed class CommerceDatabase
{
    private readonly string _connectionString;

    public CommerceDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        Hosting.PrivateFile.EnsureDatabase(Path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
    }

    public string Path { get; }

    /// <summary>Closes the pooled connections to this database, so that its files can be deleted or moved.</summary>
    public void ReleaseConnections()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // FULL: a write the service acknowledged is on disk before the answer leaves, even if the process is killed.
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
        return connection;
    }

    /// <remarks>
    /// Purchases and their rows are WITHOUT ROWID tables keyed by subscription: one B-tree each instead
    /// of a table and an index, which halves the writes of a bulk seed.
    /// </remarks>
    public void Migrate()
    {
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS products (
                product_id TEXT NOT NULL PRIMARY KEY,
                product_name TEXT NOT NULL,
                offers_trial_without_payment INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS tenants (
                tenant_id TEXT NOT NULL PRIMARY KEY,
                domain TEXT NOT NULL UNIQUE COLLATE NOCASE,
                display_name TEXT NOT NULL,
                country TEXT NOT NULL,
                tenant_type TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS users (
                object_id TEXT NOT NULL PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
                user_principal_name TEXT NOT NULL COLLATE NOCASE,
                display_name TEXT NOT NULL,
                roles TEXT NOT NULL,
                is_guest INTEGER NOT NULL,
                account_enabled INTEGER NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                UNIQUE (tenant_id, user_principal_name));
            CREATE TABLE IF NOT EXISTS applications (
                client_id TEXT NOT NULL PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
                display_name TEXT NOT NULL,
                secret_hash TEXT,
                certificate TEXT,
                roles TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS delegations (
                customer_tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
                user_object_id TEXT NOT NULL REFERENCES users(object_id),
                roles TEXT NOT NULL,
                PRIMARY KEY (customer_tenant_id, user_object_id));
            CREATE TABLE IF NOT EXISTS product_policies (
                tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
                policy_id TEXT NOT NULL,
                product_id TEXT NOT NULL REFERENCES products(product_id),
                policy_value TEXT NOT NULL,
                PRIMARY KEY (tenant_id, policy_id, product_id));
            CREATE TABLE IF NOT EXISTS offer_type_policies (
                tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
                policy_id TEXT NOT NULL,
                offer_type TEXT NOT NULL,
                policy_value TEXT NOT NULL,
                PRIMARY KEY (tenant_id, policy_id, offer_type));
            CREATE TABLE IF NOT EXISTS policy_audit (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                tenant_id TEXT NOT NULL,
                changed_at TEXT NOT NULL,
                changed_by TEXT NOT NULL,
                policy_id TEXT NOT NULL,
                scope TEXT NOT NULL,
                scope_id TEXT NOT NULL,
                old_value TEXT NOT NULL,
                new_value TEXT NOT NULL,
                correlation_id TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS purchases (
                subscription_id TEXT NOT NULL PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
                product_id TEXT NOT NULL REFERENCES products(product_id),
                owner_type TEXT NOT NULL,
                purchaser_object_id TEXT REFERENCES users(object_id),
                quantity INTEGER NOT NULL,
                status TEXT NOT NULL,
                is_trial INTEGER NOT NULL,
                purchase_date TEXT NOT NULL,
                expiration_date TEXT NOT NULL,
                auto_renew INTEGER NOT NULL,
                unit_price_cents INTEGER NOT NULL,
                currency TEXT NOT NULL,
                billing_frequency TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS purchases_by_date ON purchases (tenant_id, purchase_date, subscription_id);
            CREATE INDEX IF NOT EXISTS purchases_by_purchaser ON purchases (tenant_id, purchaser_object_id, purchase_date, subscription_id);
            CREATE TABLE IF NOT EXISTS purchase_events (
                subscription_id TEXT NOT NULL REFERENCES purchases(subscription_id),
                sequence INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                event_date TEXT NOT NULL,
                quantity INTEGER NOT NULL,
                amount_cents INTEGER NOT NULL,
                currency TEXT NOT NULL,
                PRIMARY KEY (subscription_id, sequence)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS purchase_assignments (
                subscription_id TEXT NOT NULL REFERENCES purchases(subscription_id),
                user_object_id TEXT NOT NULL REFERENCES users(object_id),
                assigned_at TEXT NOT NULL,
                PRIMARY KEY (subscription_id, user_object_id)) WITHOUT ROWID;
            """);
        Execute(connection, PurchaseAudit.Schema);
        Execute(connection, TakeOverRecords.Schema);
        Execute(connection, FederatedCredentialStore.Schema);
        Execute(connection, PartnerRelationships.Schema);
        Execute(connection, AppConsents.Schema);
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
