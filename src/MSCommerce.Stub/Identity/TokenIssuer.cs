using System.Text.Json.Nodes;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Hosting;

namespace MSCommerce.Stub.Identity;

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresOn);

/// <summary>Issues RS256 access tokens shaped like Entra's v2 tokens.</summary>
public sealed class TokenIssuer(SigningKey key, TimeProvider clock, ServiceSettings settings, IssuerNames issuers)
{
    public IssuedToken ForUser(string tenantId, DirectoryUser user, IReadOnlyList<string> directoryRoles, string audience, string clientId, TimeSpan? lifetime = null)
    {
        var claims = Common(tenantId, audience, clientId, lifetime, out var expires);
        claims["oid"] = user.ObjectId;
        claims["sub"] = user.ObjectId;
        claims["upn"] = user.UserPrincipalName;
        claims["preferred_username"] = user.UserPrincipalName;
        claims["name"] = user.DisplayName;
        claims["scp"] = "LicenseManager.AccessAsUser";
        claims["wids"] = new JsonArray(directoryRoles.Select(role => (JsonNode?)JsonValue.Create(role)).ToArray());
        if (user.TenantId != tenantId)
        {
            claims["idp"] = issuers.Issuer(user.TenantId);
        }

        return new IssuedToken(Jwt.Sign(claims, key), expires);
    }

    public IssuedToken ForApplication(Application application, string audience, TimeSpan? lifetime = null) =>
        ForApplicationIn(application.TenantId, application, application.Roles, audience, lifetime);

    /// <summary>An app token in a tenant: the app's home, or a tenant that consented to it, with the roles granted there.</summary>
    public IssuedToken ForApplicationIn(string tenantId, Application application, IReadOnlyList<string> roles, string audience, TimeSpan? lifetime = null)
    {
        var claims = Common(tenantId, audience, application.ClientId, lifetime, out var expires);
        claims["oid"] = ServicePrincipalId(application.ClientId);
        claims["sub"] = ServicePrincipalId(application.ClientId);
        claims["idtyp"] = "app";
        claims["roles"] = new JsonArray(roles.Select(role => (JsonNode?)JsonValue.Create(role)).ToArray());
        return new IssuedToken(Jwt.Sign(claims, key), expires);
    }

    /// <summary>The service principal's object id: stable per app, distinct from the client id, as in Entra.</summary>
    public static string ServicePrincipalId(string clientId) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("sp:" + clientId.ToLowerInvariant()))).ToString();

    private JsonObject Common(string tenantId, string audience, string clientId, TimeSpan? lifetime, out DateTimeOffset expires)
    {
        var now = clock.GetUtcNow();
        expires = now + (lifetime ?? settings.TokenLifetime);
        return new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = issuers.Issuer(tenantId),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["tid"] = tenantId,
            ["azp"] = clientId,
            ["appid"] = clientId,
            ["ver"] = "2.0",
            ["uti"] = Guid.NewGuid().ToString("N"),
        };
    }
}

/// <summary>The issuer of a tenant's tokens: {BaseAddress}{tenantId}/v2.0, as Entra's is login.microsoftonline.com/{tid}/v2.0.</summary>
public sealed class IssuerNames
{
    public Uri BaseAddress { get; set; } = new("https://127.0.0.1/");

    public string Issuer(string tenantId) => $"{BaseAddress}{tenantId}/v2.0";

    /// <summary>The issuer of the CI tokens the service hands out with test controls on, standing in for GitHub's or Azure DevOps'.</summary>
    public string CiIssuer => $"{BaseAddress}_ci/oidc";
}
