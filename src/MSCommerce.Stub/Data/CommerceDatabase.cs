using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

/// <summary>The service's state in SQLite: opens connections, creates the schema, seeds data.</summary>
public sealed class CommerceDatabase
{
    private readonly string _connectionString;

    public CommerceDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public void Migrate()
    {
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS products (
                product_id TEXT NOT NULL PRIMARY KEY,
                product_name TEXT NOT NULL,
                offers_trial_without_payment INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS product_policies (
                policy_id TEXT NOT NULL,
                product_id TEXT NOT NULL REFERENCES products(product_id),
                policy_value TEXT NOT NULL,
                PRIMARY KEY (policy_id, product_id));
            """);
    }

    public void SeedCatalog()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        foreach (var product in Catalog.Products)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR IGNORE INTO products (product_id, product_name, offers_trial_without_payment) VALUES ($id, $name, $trial);
                INSERT OR IGNORE INTO product_policies (policy_id, product_id, policy_value) VALUES ($policy, $id, 'Enabled');
                """;
            command.Parameters.AddWithValue("$id", product.ProductId);
            command.Parameters.AddWithValue("$name", product.ProductName);
            command.Parameters.AddWithValue("$trial", product.OffersTrialWithoutPaymentMethod ? 1 : 0);
            command.Parameters.AddWithValue("$policy", Catalog.AllowSelfServicePurchase);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
