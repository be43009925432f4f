using System.Globalization;
using System.Security.Cryptography;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Identity;
using MSCommerce.Stub.Identity.SignIn;

namespace MSCommerce.Stub.Testing;

/// <summary>The secret header value of the emulated App Service identity endpoint, made on start.</summary>
public sealed class ManagedIdentityHeader
{
    public string Value { get; } = Base64Url.Encode(RandomNumberGenerator.GetBytes(24));
}

/// <summary>
/// The Azure App Service managed identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER; api-version
/// 2019-08-01), emulated with test controls on: the resource's system-assigned identity, or a user-assigned
/// one by client_id, each a service principal of the demo tenant (<see cref="DemoData"/>), gets an app token
/// with its app roles. GET /_admin/managed-identity gives the two values to set.
/// </summary>
public static class ManagedIdentityEndpoints
{
    public const string TokenPath = "/_msi/token";

    public static void MapManagedIdentity(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_admin/managed-identity", (IssuerNames names, ManagedIdentityHeader header) => Results.Ok(new
        {
            identityEndpoint = $"{names.BaseAddress}{TokenPath.TrimStart('/')}",
            identityHeader = header.Value,
            systemAssignedClientId = DemoData.SystemAssignedIdentityClientId,
            userAssignedClientId = DemoData.UserAssignedIdentityClientId,
        }));
        routes.MapGet(TokenPath, Token);
    }

    private static IResult Token(HttpContext context, ManagedIdentityHeader header, DirectoryStore directory, TokenIssuer issuer, TimeProvider clock)
    {
        var query = context.Request.Query;
        if (!string.Equals(context.Request.Headers["X-IDENTITY-HEADER"].ToString(), header.Value, StringComparison.Ordinal))
        {
            return Refused(StatusCodes.Status401Unauthorized, "The X-IDENTITY-HEADER header is missing or is not the IDENTITY_HEADER of this resource.");
        }

        if (query["api-version"].ToString() != "2019-08-01")
        {
            return Refused(StatusCodes.Status400BadRequest, "api-version must be 2019-08-01.");
        }

        if (RequestedScope.Audience(query["resource"].ToString().TrimEnd('/') + "/.default") is not { } audience)
        {
            return Refused(StatusCodes.Status400BadRequest, $"The resource '{TokenText.Quote(query["resource"])}' is not one this identity can get tokens for.");
        }

        if (query.ContainsKey("mi_res_id") || query.ContainsKey("principal_id") || query.ContainsKey("object_id"))
        {
            return Refused(StatusCodes.Status400BadRequest, "This emulation names user-assigned identities by client_id only.");
        }

        var clientId = query.TryGetValue("client_id", out var named) ? named.ToString() : DemoData.SystemAssignedIdentityClientId;
        if (!IsAssigned(clientId) || directory.FindApplication(clientId) is not { } identity)
        {
            return Refused(StatusCodes.Status400BadRequest, $"No managed identity with client id '{TokenText.Quote(clientId)}' is assigned to this resource.");
        }

        var token = issuer.ForApplication(identity, audience);
        return Results.Ok(new
        {
            access_token = token.AccessToken,
            expires_on = token.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            resource = query["resource"].ToString(),
            token_type = "Bearer",
            client_id = identity.ClientId,
        });
    }

    private static bool IsAssigned(string clientId) =>
        string.Equals(clientId, DemoData.SystemAssignedIdentityClientId, StringComparison.OrdinalIgnoreCase)
        || string.Equals(clientId, DemoData.UserAssignedIdentityClientId, StringComparison.OrdinalIgnoreCase);

    private static IResult Refused(int status, string message) =>
        Results.Json(new { statusCode = status, message, correlationId = Guid.NewGuid().ToString() }, statusCode: status);
}
