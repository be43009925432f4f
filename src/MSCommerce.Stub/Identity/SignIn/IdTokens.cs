using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// What a person's sign-in answers besides the access token, as Entra composes it: the id_token (who
/// signed in, for the client) and client_info (base64url JSON of the home object and tenant ids), which MSAL needs to cache the account.
/// </summary>
public sealed class IdTokens(SigningKey key, TimeProvider clock, IssuerNames issuers)
{
    /// <param name="nonce">The browser sign-in's nonce, returned so that the client knows the token answers its own request.</param>
    public string IdToken(Tenant tenant, DirectoryUser user, string clientId, DateTimeOffset expiresOn, string? nonce = null)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["aud"] = clientId,
            ["iss"] = issuers.Issuer(tenant.TenantId),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = expiresOn.ToUnixTimeSeconds(),
            ["tid"] = tenant.TenantId,
            ["oid"] = user.ObjectId,
            ["sub"] = user.ObjectId,
            ["name"] = user.DisplayName,
            ["preferred_username"] = user.UserPrincipalName,
            ["ver"] = "2.0",
        };
        if (!string.IsNullOrEmpty(nonce)) claims["nonce"] = nonce;
        return Jwt.Sign(claims, key);
    }

    public static string ClientInfo(DirectoryUser user) =>
        Base64Url.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { uid = user.ObjectId, utid = user.TenantId })));
}
