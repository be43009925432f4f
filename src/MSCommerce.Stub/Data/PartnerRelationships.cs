using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

/// <summary>A partner's delegated-admin (GDAP) relationship with a customer: when it began and when it ends (or ended).</summary>
public sealed record PartnerRelationship(string RelationshipId, string CustomerTenantId, string PartnerTenantId, DateTime CreatedAt, DateTime EndsAt)
{
    /// <summary>GDAP's longest relationship, and the one the service gives: two years.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromDays(730);

    public bool IsActive(DateTime now) => now < EndsAt;
}

/// <summary>A partner user's delegated roles in a customer tenant.</summary>
public sealed record Delegation(string CustomerTenantId, string UserObjectId, string UserPrincipalName, IReadOnlyList<string> Roles);

/// <summary>
/// The relationships behind the delegations (one per customer and partner tenant), and the delegations of a
/// partner's users; the Graph view of them is <see cref="Rules.CustomerRelationships"/>.
/// </summary>
public sealed class PartnerRelationships(CommerceDatabase database)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS partner_relationships (
            customer_tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
            partner_tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id),
            relationship_id TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            PRIMARY KEY (customer_tenant_id, partner_tenant_id));
        """;

    /// <summary>Makes sure the customer and the partner have a relationship; one that ended stays ended.</summary>
    public PartnerRelationship Ensure(string customerTenantId, string partnerTenantId, DateTime now)
    {
        using var connection = database.Open();
        Run(connection, """
            INSERT OR IGNORE INTO partner_relationships (customer_tenant_id, partner_tenant_id, relationship_id, created_at, ends_at)
            VALUES ($customer, $partner, $id, $created, $ends)
            """, ("$customer", customerTenantId), ("$partner", partnerTenantId), ("$id", RelationshipId(customerTenantId, partnerTenantId)),
            ("$created", StoredTime.Format(now)), ("$ends", StoredTime.Format(now + PartnerRelationship.Duration)));
        return Find(customerTenantId, partnerTenantId)!;
    }

    /// <summary>Ends the relationship now; false when there is none.</summary>
    public bool End(string customerTenantId, string partnerTenantId, DateTime now)
    {
        using var connection = database.Open();
        return Run(connection, "UPDATE partner_relationships SET ends_at = $now WHERE customer_tenant_id = $customer AND partner_tenant_id = $partner AND ends_at > $now",
            ("$customer", customerTenantId), ("$partner", partnerTenantId), ("$now", StoredTime.Format(now))) > 0
            || Find(customerTenantId, partnerTenantId) is not null;
    }

    public PartnerRelationship? Find(string customerTenantId, string partnerTenantId)
    {
        using var connection = database.Open();
        using var command = Command(connection, """
            SELECT relationship_id, customer_tenant_id, partner_tenant_id, created_at, ends_at FROM partner_relationships
            WHERE customer_tenant_id = $customer AND partner_tenant_id = $partner
            """, ("$customer", customerTenantId), ("$partner", partnerTenantId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>The partner's relationships with their customers, in customer tenant id order, after <paramref name="afterCustomer"/>.</summary>
    public IReadOnlyList<(PartnerRelationship Relationship, Tenant Customer)> OfPartner(string partnerTenantId, string? afterCustomer, int count)
    {
        using var connection = database.Open();
        using var command = Command(connection, """
            SELECT r.relationship_id, r.customer_tenant_id, r.partner_tenant_id, r.created_at, r.ends_at,
                   t.tenant_id, t.domain, t.display_name, t.country, t.tenant_type
            FROM partner_relationships r JOIN tenants t ON t.tenant_id = r.customer_tenant_id
            WHERE r.partner_tenant_id = $partner AND r.customer_tenant_id > $after
            ORDER BY r.customer_tenant_id LIMIT $count
            """, ("$partner", partnerTenantId), ("$after", afterCustomer ?? ""), ("$count", count));
        using var reader = command.ExecuteReader();
        var relationships = new List<(PartnerRelationship, Tenant)>();
        while (reader.Read())
        {
            relationships.Add((Read(reader), new Tenant(reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9))));
        }

        return relationships;
    }

    /// <summary>The roles delegated to the partner's users in each of these customers.</summary>
    public IReadOnlyList<Delegation> DelegationsOf(string partnerTenantId, IReadOnlyCollection<string> customerTenantIds)
    {
        if (customerTenantIds.Count == 0)
        {
            return [];
        }

        using var connection = database.Open();
        using var command = Command(connection, $"""
            SELECT d.customer_tenant_id, d.user_object_id, u.user_principal_name, d.roles
            FROM delegations d JOIN users u ON u.object_id = d.user_object_id
            WHERE u.tenant_id = $partner AND d.customer_tenant_id IN ({string.Join(',', customerTenantIds.Select((_, i) => "$c" + i))})
            ORDER BY d.customer_tenant_id, u.user_principal_name
            """, [("$partner", partnerTenantId), .. customerTenantIds.Select((id, i) => ("$c" + i, (object?)id))]);
        using var reader = command.ExecuteReader();
        var delegations = new List<Delegation>();
        while (reader.Read())
        {
            delegations.Add(new Delegation(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries)));
        }

        return delegations;
    }

    /// <summary>Stable per customer and partner, shaped like a GDAP relationship id (two GUIDs).</summary>
    public static string RelationshipId(string customerTenantId, string partnerTenantId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"gdap:{customerTenantId.ToLowerInvariant()}:{partnerTenantId.ToLowerInvariant()}"));
        return $"{new Guid(hash.AsSpan(0, 16))}-{new Guid(hash.AsSpan(16, 16))}";
    }

    /// <summary>Gives every delegation to a partner's user that has no relationship yet one begun now (seeds, and databases from before relationships were kept).</summary>
    public void EnsureForDelegations(DateTime now)
    {
        var pairs = new List<(string Customer, string Partner)>();
        using (var connection = database.Open())
        using (var command = Command(connection, """
            SELECT DISTINCT d.customer_tenant_id, u.tenant_id FROM delegations d JOIN users u ON u.object_id = d.user_object_id
            WHERE u.tenant_id <> d.customer_tenant_id
              AND NOT EXISTS (SELECT 1 FROM partner_relationships r WHERE r.customer_tenant_id = d.customer_tenant_id AND r.partner_tenant_id = u.tenant_id)
            """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                pairs.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (customer, partner) in pairs)
        {
            Ensure(customer, partner, now);
        }
    }

    private static PartnerRelationship Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), StoredTime.Parse(reader.GetString(3)), StoredTime.Parse(reader.GetString(4)));

    private static int Run(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
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
