using Microsoft.Data.Sqlite;

namespace MSCommerce.Stub.Data;

/// <summary>
/// A federated identity credential of an app registration: the app trusts tokens that <see cref="Issuer"/>
/// issues for <see cref="Subject"/> with one of <see cref="Audiences"/>, compared exactly (case-sensitive), as Entra does.
/// </summary>
public sealed record FederatedCredential(string ClientId, string Name, string Issuer, string Subject, IReadOnlyList<string> Audiences);

/// <summary>The federated identity credentials of app registrations.</summary>
public sealed class FederatedCredentialStore(CommerceDatabase database)
{
    /// <summary>Entra's limit per application.</summary>
    public const int MaxPerApplication = 20;

    public const string Schema = """
        CREATE TABLE IF NOT EXISTS federated_credentials (
            client_id TEXT NOT NULL REFERENCES applications(client_id),
            name TEXT NOT NULL,
            issuer TEXT NOT NULL,
            subject TEXT NOT NULL,
            audiences TEXT NOT NULL,
            PRIMARY KEY (client_id, name));
        """;

    /// <summary>Adds the credential, or replaces the app's credential of the same name.</summary>
    public void Put(FederatedCredential credential)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO federated_credentials (client_id, name, issuer, subject, audiences) VALUES ($client, $name, $issuer, $subject, $audiences)";
        command.Parameters.AddWithValue("$client", credential.ClientId);
        command.Parameters.AddWithValue("$name", credential.Name);
        command.Parameters.AddWithValue("$issuer", credential.Issuer);
        command.Parameters.AddWithValue("$subject", credential.Subject);
        command.Parameters.AddWithValue("$audiences", string.Join('\n', credential.Audiences));
        command.ExecuteNonQuery();
    }

    /// <summary>The app's credentials, by name.</summary>
    public IReadOnlyList<FederatedCredential> ForApplication(string clientId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT client_id, name, issuer, subject, audiences FROM federated_credentials WHERE client_id = $client COLLATE NOCASE ORDER BY name";
        command.Parameters.AddWithValue("$client", clientId);
        using var reader = command.ExecuteReader();
        var credentials = new List<FederatedCredential>();
        while (reader.Read())
        {
            credentials.Add(Read(reader));
        }

        return credentials;
    }

    private static FederatedCredential Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4).Split('\n', StringSplitOptions.RemoveEmptyEntries));
}
