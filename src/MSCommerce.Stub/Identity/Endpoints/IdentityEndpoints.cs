using System.Text.Json.Nodes;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Identity.SignIn;

namespace MSCommerce.Stub.Identity.Endpoints;

/// <summary>
/// The Entra-shaped identity endpoints of each tenant: token, device code, OpenID discovery, JWKS, and the browser sign-in pages.
/// They read the request and write the answer; the sign-in rules live in Identity/SignIn/ (<see cref="TokenGrants"/>).
/// </summary>
public static class IdentityEndpoints
{
    public static void MapIdentity(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/{tenant}/oauth2/v2.0/token", Token);
        routes.MapPost("/{tenant}/oauth2/v2.0/devicecode", StartDeviceCode);
        routes.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", Discovery);
        routes.MapGet("/{tenant}/discovery/v2.0/keys", Keys);
        routes.MapBrowserSignIn();
        routes.MapDeviceLogin();
    }

    /// <summary>A tenant's OpenID configuration; a multi-tenant alias has the "{tenantid}" issuer template, an unknown tenant is 400 as in Entra.</summary>
    private static IResult Discovery(string tenant, DirectoryStore directory, TenantAuthority authorities, IssuerNames issuers)
    {
        if (authorities.RefuseUnknown(tenant) is { } refusal)
        {
            return OAuthError.Answer(refusal);
        }

        var tenantId = TenantAuthority.IsMultiTenant(tenant) ? "{tenantid}" : directory.FindTenant(tenant)!.TenantId;

        var authority = $"{issuers.BaseAddress}{tenant}";
        return Results.Ok(new
        {
            issuer = issuers.Issuer(tenantId),
            token_endpoint = $"{authority}/oauth2/v2.0/token",
            device_authorization_endpoint = $"{authority}/oauth2/v2.0/devicecode",
            authorization_endpoint = $"{authority}/oauth2/v2.0/authorize",
            jwks_uri = $"{authority}/discovery/v2.0/keys",
            response_types_supported = new[] { "code", "id_token", "token" },
            grant_types_supported = new[] { "client_credentials", "refresh_token", DeviceCodeRedemption.GrantType, AuthorizationCodeRedemption.GrantType },
            code_challenge_methods_supported = new[] { "S256" },
            id_token_signing_alg_values_supported = new[] { "RS256" },
            token_endpoint_auth_methods_supported = new[] { "client_secret_post", "private_key_jwt" },
        });
    }

    /// <summary>The signing keys (JWKS) of a tenant or a multi-tenant alias; an unknown tenant is 400 as in Entra.</summary>
    private static IResult Keys(string tenant, TenantAuthority authorities, SigningKey key) =>
        authorities.RefuseUnknown(tenant) is { } refusal
            ? OAuthError.Answer(refusal)
            : Results.Ok(new
            {
                keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = key.Modulus, e = key.Exponent } },
            });

    private static async Task<IResult> StartDeviceCode(HttpContext context, string tenant, DeviceCodes codes, DeviceCodeStartRules rules, TenantAuthority authorities, IssuerNames issuers)
    {
        if (authorities.RefuseUnknown(tenant) is { } refusal)
        {
            return OAuthError.Answer(refusal);
        }

        var form = await ReadForm(context);
        if (form is null || string.IsNullOrEmpty(form["client_id"]))
        {
            return OAuthError.Answer("invalid_request", "AADSTS900144", "The request body must contain the following parameter: 'client_id'.");
        }

        var clientId = form["client_id"].ToString();
        var scope = form["scope"].ToString();
        if (rules.Refusal(tenant, clientId, scope) is { } invalid)
        {
            return OAuthError.Answer(invalid);
        }

        var start = codes.Start(tenant, rules.TenantKey(tenant), clientId, scope);
        if (start.Grant is not { } grant)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(start.RetryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return OAuthError.Answer("temporarily_unavailable", "AADSTS90055",
                $"There are too many incoming requests: {start.Full}. Finish or wait out one of them (the first expires in {seconds} seconds).", StatusCodes.Status429TooManyRequests);
        }

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

    private static async Task<IResult> Token(HttpContext context, string tenant, TokenGrants grants, TimeProvider clock)
    {
        var form = await ReadForm(context);
        if (form is null)
        {
            return OAuthError.Answer("invalid_request", "AADSTS900144", "The request body must be application/x-www-form-urlencoded.");
        }

        var endpoint = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}";
        var outcome = await grants.RedeemAsync(new TokenRequest(
            tenant,
            endpoint,
            form["grant_type"].ToString(),
            form["client_id"].ToString(),
            form["scope"].ToString(),
            Optional(form, "client_secret"),
            Optional(form, "client_assertion_type"),
            Optional(form, "client_assertion"),
            Optional(form, "device_code"),
            Optional(form, "refresh_token"),
            Optional(form, "code"),
            Optional(form, "redirect_uri"),
            Optional(form, "code_verifier")), context.RequestAborted);
        return outcome.Tokens is { } tokens ? TokenAnswer(tokens, clock) : OAuthError.Answer(outcome.Refusal!);
    }

    private static string? Optional(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

    private static IResult TokenAnswer(IssuedTokens tokens, TimeProvider clock)
    {
        var seconds = Math.Max(0, (int)(tokens.Access.ExpiresOn - clock.GetUtcNow()).TotalSeconds);
        var answer = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = tokens.Scope,
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = tokens.Access.AccessToken,
        };
        if (tokens.RefreshToken is not null) answer["refresh_token"] = tokens.RefreshToken;
        if (tokens.IdToken is not null) answer["id_token"] = tokens.IdToken;
        if (tokens.ClientInfo is not null) answer["client_info"] = tokens.ClientInfo;
        return Results.Content(answer.ToJsonString(), "application/json");
    }

    /// <summary>The form, or null when the body is not one that can be read (wrong type, bad charset, a broken multipart body, over the form limits).</summary>
    internal static async Task<IFormCollection?> ReadForm(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception error) when (error is InvalidDataException or IOException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}
