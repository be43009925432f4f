using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

public sealed record ProductPolicyRow(string PolicyId, string ProductId, string ProductName, string PolicyValue, bool OffersTrialWithoutPaymentMethod);

public sealed record OfferTypePolicyRow(string PolicyId, string OfferType, string OfferTypeName, string PolicyValue);

/// <summary>A change asked for: the value it replaces is read when it is made.</summary>
public sealed record PolicyChange(string TenantId, string ChangedBy, string PolicyId, string Scope, string ScopeId, string NewValue, string CorrelationId);

public sealed record AuditEntry(long Sequence, DateTimeOffset ChangedAt, string ChangedBy, string PolicyId, string Scope, string ScopeId, string OldValue, string NewValue, string CorrelationId);

/// <summary>Reads and writes the policy values of a tenant's products and offer types; every change is audited in the same transaction.</summary>
public sealed class ProductPolicyStore(CommerceDatabase database, TimeProvider clock)
{
    public IReadOnlyList<ProductPolicyRow> ListProducts(string tenantId, string policyId)
    {
        using var connection = database.Open();
        using var command = ProductQuery(connection, tenantId, policyId, productId: null);
        return ReadProducts(command).ToList();
    }

    public ProductPolicyRow? GetProduct(string tenantId, string policyId, string productId)
    {
        using var connection = database.Open();
        using var command = ProductQuery(connection, tenantId, policyId, productId);
        return ReadProducts(command).FirstOrDefault();
    }

    public IReadOnlyList<OfferTypePolicyRow> ListOfferTypes(string tenantId, string policyId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT offer_type, policy_value FROM offer_type_policies WHERE tenant_id = $tenant AND policy_id = $policy ORDER BY offer_type";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$policy", policyId);
        using var reader = command.ExecuteReader();
        var rows = new List<OfferTypePolicyRow>();
        while (reader.Read())
        {
            var offerType = Catalog.OfferTypes.First(type => type.Id == reader.GetString(0));
            rows.Add(new OfferTypePolicyRow(policyId, offerType.Id, offerType.Name, reader.GetString(1)));
        }

        return rows;
    }

    public OfferTypePolicyRow? GetOfferType(string tenantId, string policyId, string offerType) =>
        ListOfferTypes(tenantId, policyId).FirstOrDefault(row => row.OfferType.Equals(offerType, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Sets a value unless it holds it already. The current value is read, replaced and audited in one
    /// write transaction (BEGIN IMMEDIATE), so concurrent changes serialize and the audit log is a chain:
    /// each entry's old value is the new value of the entry before it.
    /// </summary>
    /// <returns>The value it replaced (the same value when nothing changed), or null when there is no such product or offer type.</returns>
    public string? SetValue(PolicyChange change)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var table = change.Scope == "Product" ? "product_policies" : "offer_type_policies";
        var key = change.Scope == "Product" ? "product_id" : "offer_type";
        var where = $"WHERE tenant_id = $tenant AND policy_id = $policy AND {key} = $scope";

        using var read = Command(connection, transaction, change, $"SELECT policy_value FROM {table} {where}");
        var oldValue = read.ExecuteScalar() as string;
        if (oldValue is null || oldValue == change.NewValue)
        {
            transaction.Commit();
            return oldValue;
        }

        using var update = Command(connection, transaction, change, $"UPDATE {table} SET policy_value = $new {where}");
        update.ExecuteNonQuery();

        using var audit = Command(connection, transaction, change, """
            INSERT INTO policy_audit (tenant_id, changed_at, changed_by, policy_id, scope, scope_id, old_value, new_value, correlation_id)
            VALUES ($tenant, $at, $by, $policy, $scopeName, $scope, $old, $new, $correlation)
            """);
        audit.Parameters.AddWithValue("$at", clock.GetUtcNow().ToString("O"));
        audit.Parameters.AddWithValue("$by", change.ChangedBy);
        audit.Parameters.AddWithValue("$scopeName", change.Scope);
        audit.Parameters.AddWithValue("$old", oldValue);
        audit.Parameters.AddWithValue("$correlation", change.CorrelationId);
        audit.ExecuteNonQuery();
        transaction.Commit();
        return oldValue;
    }

    public IReadOnlyList<AuditEntry> Audit(string tenantId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence, changed_at, changed_by, policy_id, scope, scope_id, old_value, new_value, correlation_id
            FROM policy_audit WHERE tenant_id = $tenant ORDER BY sequence
            """;
        command.Parameters.AddWithValue("$tenant", tenantId);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8)));
        }

        return entries;
    }

    /// <summary>Adds products to the catalog; every tenant gets them at the policy's default value.</summary>
    public void AddProducts(IEnumerable<CatalogProduct> products)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR IGNORE INTO products (product_id, product_name, offers_trial_without_payment) VALUES ($id, $name, $trial);
            INSERT OR IGNORE INTO product_policies (tenant_id, policy_id, product_id, policy_value)
                SELECT tenant_id, $policy, $id, $default FROM tenants;
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var trial = command.Parameters.Add("$trial", SqliteType.Integer);
        command.Parameters.AddWithValue("$policy", Catalog.AllowSelfServicePurchase);
        command.Parameters.AddWithValue("$default", Catalog.DefaultValue);
        foreach (var product in products)
        {
            id.Value = product.ProductId;
            name.Value = product.ProductName;
            trial.Value = product.OffersTrialWithoutPaymentMethod ? 1 : 0;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static void AddDefaultsForTenant(SqliteConnection connection, SqliteTransaction transaction, string tenantId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR IGNORE INTO product_policies (tenant_id, policy_id, product_id, policy_value)
                SELECT $tenant, $policy, product_id, $default FROM products;
            """;
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$policy", Catalog.AllowSelfServicePurchase);
        command.Parameters.AddWithValue("$default", Catalog.DefaultValue);
        command.ExecuteNonQuery();
        foreach (var offerType in Catalog.OfferTypes)
        {
            using var offer = connection.CreateCommand();
            offer.Transaction = transaction;
            offer.CommandText = "INSERT OR IGNORE INTO offer_type_policies (tenant_id, policy_id, offer_type, policy_value) VALUES ($tenant, $policy, $type, $default)";
            offer.Parameters.AddWithValue("$tenant", tenantId);
            offer.Parameters.AddWithValue("$policy", Catalog.AllowSelfServicePurchase);
            offer.Parameters.AddWithValue("$type", offerType.Id);
            offer.Parameters.AddWithValue("$default", Catalog.DefaultValue);
            offer.ExecuteNonQuery();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, PolicyChange change, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$tenant", change.TenantId);
        command.Parameters.AddWithValue("$policy", change.PolicyId);
        command.Parameters.AddWithValue("$scope", change.ScopeId);
        command.Parameters.AddWithValue("$new", change.NewValue);
        return command;
    }

    private static SqliteCommand ProductQuery(SqliteConnection connection, string tenantId, string policyId, string? productId)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT pp.policy_id, pp.product_id, p.product_name, pp.policy_value, p.offers_trial_without_payment
            FROM product_policies pp JOIN products p ON p.product_id = pp.product_id
            WHERE pp.tenant_id = $tenant AND pp.policy_id = $policy {(productId is null ? "" : "AND pp.product_id = $product COLLATE NOCASE")}
            ORDER BY pp.product_id
            """;
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$policy", policyId);
        if (productId is not null)
        {
            command.Parameters.AddWithValue("$product", productId);
        }

        return command;
    }

    private static IEnumerable<ProductPolicyRow> ReadProducts(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new ProductPolicyRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4));
        }
    }
}
