namespace MSCommerce.Stub.Data;

public sealed record ProductPolicyRow(string PolicyId, string ProductId, string ProductName, string PolicyValue);

/// <summary>Reads and writes product policies.</summary>
public sealed class ProductPolicyStore(CommerceDatabase database)
{
    public IReadOnlyList<ProductPolicyRow> List(string policyId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT pp.policy_id, pp.product_id, p.product_name, pp.policy_value
            FROM product_policies pp JOIN products p ON p.product_id = pp.product_id
            WHERE pp.policy_id = $policy
            ORDER BY pp.product_id
            """;
        command.Parameters.AddWithValue("$policy", policyId);
        using var reader = command.ExecuteReader();
        var rows = new List<ProductPolicyRow>();
        while (reader.Read())
        {
            rows.Add(new ProductPolicyRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }
}
