using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

public sealed record Tenant(string TenantId, string Domain, string DisplayName, string Country, string TenantType);

public sealed record DirectoryUser(string ObjectId, string TenantId, string UserPrincipalName, string DisplayName, IReadOnlyList<string> Roles, bool IsGuest, bool AccountEnabled, bool Deleted);

public sealed record Application(string ClientId, string TenantId, string DisplayName, string? SecretHash, string? Certificate, IReadOnlyList<string> Roles);

/// <summary>Tenants, their users and app registrations, and partners' delegated-admin relationships.</summary>
public sealed class DirectoryStore(CommerceDatabase database)
{
    public Tenant AddTenant(Tenant tenant)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "INSERT INTO tenants (tenant_id, domain, display_name, country, tenant_type) VALUES ($id, $domain, $name, $country, $type)",
            ("$id", tenant.TenantId), ("$domain", tenant.Domain), ("$name", tenant.DisplayName), ("$country", tenant.Country), ("$type", tenant.TenantType));
        ProductPolicyStore.AddDefaultsForTenant(connection, transaction, tenant.TenantId);
        transaction.Commit();
        return tenant;
    }

    /// <summary>A tenant by id or by domain, as an authority path names it.</summary>
    public Tenant? FindTenant(string idOrDomain)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, "SELECT tenant_id, domain, display_name, country, tenant_type FROM tenants WHERE tenant_id = $key COLLATE NOCASE OR domain = $key", ("$key", idOrDomain));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Tenant(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)) : null;
    }

    /// <summary>Every tenant, by domain.</summary>
    public IReadOnlyList<Tenant> Tenants()
    {
        using var connection = database.Open();
        using var command = Command(connection, null, "SELECT tenant_id, domain, display_name, country, tenant_type FROM tenants ORDER BY domain");
        using var reader = command.ExecuteReader();
        var tenants = new List<Tenant>();
        while (reader.Read())
        {
            tenants.Add(new Tenant(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return tenants;
    }

    public DirectoryUser AddUser(DirectoryUser user)
    {
        using var connection = database.Open();
        Run(connection, null, "INSERT INTO users (object_id, tenant_id, user_principal_name, display_name, roles, is_guest, account_enabled) VALUES ($id, $tenant, $upn, $name, $roles, $guest, $enabled)",
            ("$id", user.ObjectId), ("$tenant", user.TenantId), ("$upn", user.UserPrincipalName), ("$name", user.DisplayName), ("$roles", string.Join(',', user.Roles)), ("$guest", user.IsGuest), ("$enabled", user.AccountEnabled));
        return user;
    }

    /// <summary>A user of the tenant by UPN or object id; users who left are found too, flagged Deleted.</summary>
    public DirectoryUser? FindUser(string tenantId, string upnOrObjectId)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, """
            SELECT object_id, tenant_id, user_principal_name, display_name, roles, is_guest, account_enabled, deleted
            FROM users WHERE tenant_id = $tenant AND (object_id = $key COLLATE NOCASE OR user_principal_name = $key)
            """, ("$tenant", tenantId), ("$key", upnOrObjectId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadUser(reader) : null;
    }

    /// <summary>A user by UPN in whatever tenant holds it (a partner's user signing in to a customer tenant).</summary>
    public DirectoryUser? FindUserAnywhere(string upn)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, """
            SELECT object_id, tenant_id, user_principal_name, display_name, roles, is_guest, account_enabled, deleted
            FROM users WHERE user_principal_name = $upn AND deleted = 0
            """, ("$upn", upn));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadUser(reader) : null;
    }

    public DirectoryUser? FindUserById(string objectId)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, """
            SELECT object_id, tenant_id, user_principal_name, display_name, roles, is_guest, account_enabled, deleted
            FROM users WHERE object_id = $id
            """, ("$id", objectId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadUser(reader) : null;
    }

    /// <summary>The tenant's own users, those who left included, by UPN.</summary>
    public IReadOnlyList<DirectoryUser> Users(string tenantId)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, """
            SELECT object_id, tenant_id, user_principal_name, display_name, roles, is_guest, account_enabled, deleted
            FROM users WHERE tenant_id = $tenant ORDER BY user_principal_name
            """, ("$tenant", tenantId));
        using var reader = command.ExecuteReader();
        var users = new List<DirectoryUser>();
        while (reader.Read())
        {
            users.Add(ReadUser(reader));
        }

        return users;
    }

    public bool DeleteUser(string tenantId, string upnOrObjectId)
    {
        var user = FindUser(tenantId, upnOrObjectId);
        if (user is null)
        {
            return false;
        }

        using var connection = database.Open();
        Run(connection, null, "UPDATE users SET deleted = 1, account_enabled = 0 WHERE object_id = $id", ("$id", user.ObjectId));
        return true;
    }

    public Application AddApplication(Application application)
    {
        using var connection = database.Open();
        Run(connection, null, "INSERT INTO applications (client_id, tenant_id, display_name, secret_hash, certificate, roles) VALUES ($id, $tenant, $name, $secret, $cert, $roles)",
            ("$id", application.ClientId), ("$tenant", application.TenantId), ("$name", application.DisplayName), ("$secret", application.SecretHash), ("$cert", application.Certificate), ("$roles", string.Join(',', application.Roles)));
        return application;
    }

    public Application? FindApplication(string clientId)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, "SELECT client_id, tenant_id, display_name, secret_hash, certificate, roles FROM applications WHERE client_id = $id COLLATE NOCASE", ("$id", clientId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new Application(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), Split(reader.GetString(5)))
            : null;
    }

    public void AddDelegation(string customerTenantId, string userObjectId, IReadOnlyList<string> roles)
    {
        using var connection = database.Open();
        Run(connection, null, "INSERT OR REPLACE INTO delegations (customer_tenant_id, user_object_id, roles) VALUES ($tenant, $user, $roles)",
            ("$tenant", customerTenantId), ("$user", userObjectId), ("$roles", string.Join(',', roles)));
    }

    /// <summary>The roles a partner's user holds in a customer tenant, or null without a relationship.</summary>
    public IReadOnlyList<string>? DelegatedRoles(string customerTenantId, string userObjectId)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, "SELECT roles FROM delegations WHERE customer_tenant_id = $tenant AND user_object_id = $user", ("$tenant", customerTenantId), ("$user", userObjectId));
        return command.ExecuteScalar() is string roles ? Split(roles) : null;
    }

    public static string HashSecret(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static DirectoryUser ReadUser(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Split(reader.GetString(4)), reader.GetBoolean(5), reader.GetBoolean(6), reader.GetBoolean(7));

    private static IReadOnlyList<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
