using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity;

/// <summary>The Entra-shaped identity endpoints of each tenant: token, device code, OpenID discovery, JWKS.</summary>
public static class IdentityEndpoints
{
    private const string DeviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";
    private const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void MapIdentity(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/{tenant}/oauth2/v2.0/token", Token);
        routes.MapPost("/{tenant}/oauth2/v2.0/devicecode", StartDeviceCode);
        routes.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", Discovery);
        routes.MapGet("/{tenant}/discovery/v2.0/keys", (SigningKey key) => Results.Ok(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = key.Modulus, e = key.Exponent } },
        }));
        routes.MapGet("/devicelogin", () => Results.Text("Approve device codes of the local commerce service with POST /_admin/device-codes/{userCode}/approve.", "text/plain"));
    }

    private static IResult Discovery(HttpContext context, string tenant, DirectoryStore directory, IssuerNames issuers)
    {
        var tenantId = directory.FindTenant(tenant)?.TenantId ?? tenant;
        var authority = $"{issuers.BaseAddress}{tenant}";
        return Results.Ok(new
        {
            issuer = issuers.Issuer(tenantId),
            token_endpoint = $"{authority}/oauth2/v2.0/token",
            device_authorization_endpoint = $"{authority}/oauth2/v2.0/devicecode",
            authorization_endpoint = $"{authority}/oauth2/v2.0/authorize",
            jwks_uri = $"{authority}/discovery/v2.0/keys",
            response_types_supported = new[] { "code", "id_token", "token" },
            grant_types_supported = new[] { "client_credentials", "refresh_token", DeviceCodeGrantType },
            id_token_signing_alg_values_supported = new[] { "RS256" },
            token_endpoint_auth_methods_supported = new[] { "client_secret_post", "private_key_jwt" },
        });
    }

    private static async Task<IResult> StartDeviceCode(HttpContext context, string tenant, DeviceCodes codes, IssuerNames issuers)
    {
        var form = await ReadForm(context);
        if (form is null || string.IsNullOrEmpty(form["client_id"]))
        {
            return OAuthError.Answer("invalid_request", "AADSTS900144", "The request body must contain the following parameter: 'client_id'.");
        }

        var grant = codes.Start(tenant, form["client_id"]!, form["scope"].ToString());
        var verification = $"{issuers.BaseAddress}devicelogin";
        return Results.Ok(new
        {
            device_code = grant.DeviceCode,
            user_code = grant.UserCode,
            verification_uri = verification,
            expires_in = (int)DeviceCodes.Lifetime.TotalSeconds,
            interval = 1,
            message = $"To sign in, use a web browser to open the page {verification} and enter the code {grant.UserCode} to authenticate.",
        });
    }

    private static async Task<IResult> Token(HttpContext context, string tenant, DirectoryStore directory, TokenIssuer issuer, DeviceCodes codes, RefreshTokens refreshTokens, IssuerNames issuers, SigningKey key, TimeProvider clock)
    {
        var form = await ReadForm(context);
        if (form is null)
        {
            return OAuthError.Answer("invalid_request", "AADSTS900144", "The request body must be application/x-www-form-urlencoded.");
        }

        var knownTenant = directory.FindTenant(tenant);
        var clientId = form["client_id"].ToString();
        var audience = AudienceOf(form["scope"]);
        if (audience is null)
        {
            return OAuthError.Answer("invalid_scope", "AADSTS70011", $"The provided value for the input parameter 'scope' is not valid: '{form["scope"]}'.");
        }

        switch (form["grant_type"])
        {
            case "client_credentials":
                if (knownTenant is null)
                {
                    return UnknownTenant(tenant);
                }

                var application = directory.FindApplication(clientId);
                if (application is null || application.TenantId != knownTenant.TenantId)
                {
                    return OAuthError.Answer("unauthorized_client", "AADSTS700016", $"Application with identifier '{clientId}' was not found in the directory '{knownTenant.Domain}'.");
                }

                var refusal = ClientCredentialRefusal(context, form, application, clock);
                if (refusal is not null)
                {
                    return OAuthError.Answer("invalid_client", "AADSTS7000215", refusal, StatusCodes.Status401Unauthorized);
                }

                var appToken = issuer.ForApplication(application, audience);
                return TokenAnswer(appToken, clock, refreshToken: null, idToken: null, clientInfo: null, form["scope"]!);

            case DeviceCodeGrantType:
            case "device_code":
                var grant = codes.ByDeviceCode(form["device_code"].ToString());
                if (grant is null || grant.ExpiresOn <= clock.GetUtcNow())
                {
                    return OAuthError.Answer("expired_token", "AADSTS70020", "The provided value for the input parameter 'device_code' is not valid: it expired or was never issued.");
                }

                if (grant.State == DeviceCodeState.Pending)
                {
                    return OAuthError.Answer("authorization_pending", "AADSTS70016", "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
                }

                codes.Redeem(grant);
                if (grant.State == DeviceCodeState.Denied)
                {
                    return OAuthError.Answer("authorization_declined", "AADSTS70000", "The user declined the sign-in.");
                }

                return UserTokens(directory, issuer, refreshTokens, issuers, key, clock, tenant, grant.UserPrincipalName!, clientId, audience, form["scope"]!);

            case "refresh_token":
                var refresh = refreshTokens.Redeem(form["refresh_token"].ToString());
                if (refresh is null || !string.Equals(refresh.ClientId, clientId, StringComparison.OrdinalIgnoreCase))
                {
                    return OAuthError.Answer("invalid_grant", "AADSTS70008", "The refresh token has expired or is invalid.");
                }

                var owner = directory.FindUserById(refresh.UserObjectId);
                return owner is null || owner.Deleted || !owner.AccountEnabled
                    ? OAuthError.Answer("invalid_grant", "AADSTS50057", "The user account is disabled or was deleted.")
                    : UserTokens(directory, issuer, refreshTokens, issuers, key, clock, refresh.TenantId, owner.UserPrincipalName, clientId, audience, form["scope"]!);

            default:
                return OAuthError.Answer("unsupported_grant_type", "AADSTS70003", $"The app requested an unsupported grant type '{form["grant_type"]}'.");
        }
    }

    /// <summary>Tokens for a person: in their own tenant with their roles, in a customer tenant with the delegated roles only.</summary>
    public static IResult UserTokens(DirectoryStore directory, TokenIssuer issuer, RefreshTokens refreshTokens, IssuerNames issuers, SigningKey key, TimeProvider clock, string tenant, string userPrincipalName, string clientId, string audience, string scope)
    {
        var user = directory.FindUserAnywhere(userPrincipalName);
        if (user is null || !user.AccountEnabled)
        {
            return OAuthError.Answer("invalid_grant", "AADSTS50034", $"The user account {userPrincipalName} does not exist or is disabled.");
        }

        var target = tenant is "organizations" or "common" ? directory.FindTenant(user.TenantId) : directory.FindTenant(tenant);
        if (target is null)
        {
            return UnknownTenant(tenant);
        }

        var roles = target.TenantId == user.TenantId ? user.Roles : directory.DelegatedRoles(target.TenantId, user.ObjectId);
        if (roles is null)
        {
            return OAuthError.Answer("invalid_grant", "AADSTS50020", $"User account '{user.UserPrincipalName}' from identity provider '{issuers.Issuer(user.TenantId)}' does not exist in tenant '{target.Domain}' and cannot access it.");
        }

        var token = issuer.ForUser(target.TenantId, user, roles, audience, clientId);
        var idToken = Jwt.Sign(new JsonObject
        {
            ["aud"] = clientId,
            ["iss"] = issuers.Issuer(target.TenantId),
            ["iat"] = clock.GetUtcNow().ToUnixTimeSeconds(),
            ["nbf"] = clock.GetUtcNow().ToUnixTimeSeconds(),
            ["exp"] = token.ExpiresOn.ToUnixTimeSeconds(),
            ["tid"] = target.TenantId,
            ["oid"] = user.ObjectId,
            ["sub"] = user.ObjectId,
            ["name"] = user.DisplayName,
            ["preferred_username"] = user.UserPrincipalName,
            ["ver"] = "2.0",
        }, key);
        var clientInfo = Base64Url.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { uid = user.ObjectId, utid = user.TenantId })));
        var refreshToken = refreshTokens.Issue(new RefreshGrant(target.TenantId, user.ObjectId, clientId));
        return TokenAnswer(token, clock, refreshToken, idToken, clientInfo, scope);
    }

    private static string? ClientCredentialRefusal(HttpContext context, IFormCollection form, Application application, TimeProvider clock)
    {
        if (form["client_secret"] is { Count: > 0 } secret)
        {
            return application.SecretHash is not null && DirectoryStore.HashSecret(secret!) == application.SecretHash
                ? null
                : "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.";
        }

        if (form["client_assertion_type"] == JwtBearerAssertion && form["client_assertion"] is { Count: > 0 } assertion)
        {
            if (application.Certificate is null)
            {
                return "The application has no certificate registered.";
            }

            var endpoint = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}";
            return ClientAssertion.Refusal(assertion!, application.ClientId, application.Certificate, endpoint, clock.GetUtcNow());
        }

        return "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
    }

    private static string? AudienceOf(string? scope)
    {
        foreach (var item in (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.StartsWith(DirectoryRoles.LicenseManagerAppId, StringComparison.OrdinalIgnoreCase))
            {
                return DirectoryRoles.LicenseManagerAppId;
            }

            if (item.StartsWith(DirectoryRoles.GraphAudience, StringComparison.OrdinalIgnoreCase) || item.StartsWith("00000003-0000-0000-c000-000000000000", StringComparison.OrdinalIgnoreCase))
            {
                return DirectoryRoles.GraphAudience;
            }
        }

        return null;
    }

    private static IResult TokenAnswer(IssuedToken token, TimeProvider clock, string? refreshToken, string? idToken, string? clientInfo, string scope)
    {
        var seconds = Math.Max(0, (int)(token.ExpiresOn - clock.GetUtcNow()).TotalSeconds);
        var answer = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = scope,
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = token.AccessToken,
        };
        if (refreshToken is not null) answer["refresh_token"] = refreshToken;
        if (idToken is not null) answer["id_token"] = idToken;
        if (clientInfo is not null) answer["client_info"] = clientInfo;
        return Results.Content(answer.ToJsonString(), "application/json");
    }

    private static IResult UnknownTenant(string tenant) =>
        OAuthError.Answer("invalid_request", "AADSTS90002", $"Tenant '{tenant}' not found.");

    private static async Task<IFormCollection?> ReadForm(HttpContext context) =>
        context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
}
