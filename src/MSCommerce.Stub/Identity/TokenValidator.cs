namespace MSCommerce.Stub.Identity;

public sealed record TokenCheck(Caller? Caller, string? Failure)
{
    public static TokenCheck Fail(string reason) => new(null, reason);
}

/// <summary>Checks a bearer token as the licensing service does: signature, algorithm, lifetime, audience and issuer.</summary>
public sealed class TokenValidator(SigningKey key, TimeProvider clock, IssuerNames issuers)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public TokenCheck Check(string token, string expectedAudience)
    {
        var jwt = Jwt.Parse(token);
        if (jwt is null)
        {
            return TokenCheck.Fail("The access token is not a JSON web token.");
        }

        if (jwt.Algorithm != "RS256")
        {
            return TokenCheck.Fail($"The access token's signing algorithm '{jwt.Algorithm ?? "none"}' is not accepted.");
        }

        if (!jwt.VerifyRs256(key.Rsa))
        {
            return TokenCheck.Fail("The access token's signature is invalid.");
        }

        var now = clock.GetUtcNow();
        if (jwt.NumericClaim("exp") is not { } exp || DateTimeOffset.FromUnixTimeSeconds(exp) + ClockSkew <= now)
        {
            return TokenCheck.Fail("The access token has expired.");
        }

        if (jwt.NumericClaim("nbf") is { } nbf && DateTimeOffset.FromUnixTimeSeconds(nbf) - ClockSkew > now)
        {
            return TokenCheck.Fail("The access token is not valid yet.");
        }

        var audience = jwt.Claim("aud");
        if (!string.Equals(audience, expectedAudience, StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Fail($"The access token's audience '{audience}' is not this service ({expectedAudience}).");
        }

        var tenantId = jwt.Claim("tid");
        if (tenantId is null || jwt.Claim("iss") != issuers.Issuer(tenantId))
        {
            return TokenCheck.Fail("The access token's issuer is not trusted.");
        }

        var objectId = jwt.Claim("oid");
        if (objectId is null)
        {
            return TokenCheck.Fail("The access token names no caller (oid).");
        }

        return new TokenCheck(new Caller(tenantId, objectId, jwt.Claim("upn"), jwt.Claim("appid"), jwt.ArrayClaim("wids"), jwt.ArrayClaim("roles"), audience!), null);
    }
}
