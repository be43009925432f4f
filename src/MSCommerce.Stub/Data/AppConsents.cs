using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

/// <summary>
/// Multi-tenant apps consented in tenants other than their home: the app roles each customer granted the
/// app's service principal there. An app signs in at such a tenant with those roles, and nowhere else but home.
/// </summary>
public sealed class AppConsents(CommerceDatabase database)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS app_consents (
            tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
            client_id TEXT NOT NULL REFERENCES applications(client_id),
            roles TEXT NOT NULL,
            PRIMARY KEY (tenant_id, client_id));
        """;

    /// <summary>Grants (or replaces) the app's roles in the tenant.</summary>
    public void Grant(string tenantId, string clientId, IReadOnlyList<string> roles)
    {
        using var connection = database.Open();
        using var command = Command(connection, "INSERT OR REPLACE INTO app_consents (tenant_id, client_id, roles) VALUES ($tenant, $client, $roles)",
            ("$tenant", tenantId), ("$client", clientId), ("$roles", string.Join(',', roles)));
        command.ExecuteNonQuery();
    }

    /// <summary>Removes the app from the tenant; false when it was not consented there.</summary>
    public bool Revoke(string tenantId, string clientId)
    {
        using var connection = database.Open();
        using var command = Command(connection, "DELETE FROM app_consents WHERE tenant_id = $tenant AND client_id = $client COLLATE NOCASE", ("$tenant", tenantId), ("$client", clientId));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>The roles the tenant granted the app, or null when the app is not consented there.</summary>
    public IReadOnlyList<string>? RolesOf(string tenantId, string clientId)
    {
        using var connection = database.Open();
        using var command = Command(connection, "SELECT roles FROM app_consents WHERE tenant_id = $tenant AND client_id = $client COLLATE NOCASE", ("$tenant", tenantId), ("$client", clientId));
        return command.ExecuteScalar() is string roles ? roles.Split(',', StringSplitOptions.RemoveEmptyEntries) : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
