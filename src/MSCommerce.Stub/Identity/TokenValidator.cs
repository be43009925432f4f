using MSCommerce.Stub.Domain;

namespace MSCommerce.Stub.Identity;

public sealed record TokenCheck(Caller? Caller, string? Failure)
{
    public static TokenCheck Fail(string reason) => new(null, reason);
}

/// <summary>
/// Checks a bearer token as the licensing service does: well-formed, algorithm, signing key (kid),
/// signature, lifetime, audience and issuer. Every failure is a reason, never an exception.
/// </summary>
public sealed class TokenValidator(SigningKey key, TimeProvider clock, IssuerNames issuers)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public TokenCheck Check(string token, string expectedAudience)
    {
        var reading = Jwt.Read(token);
        if (reading.Token is not { } jwt)
        {
            return TokenCheck.Fail($"The access token is malformed: {reading.Failure}.");
        }

        if (jwt.Header.Algorithm != "RS256")
        {
            return TokenCheck.Fail($"The access token's signing algorithm '{TokenText.Quote(jwt.Header.Algorithm)}' is not accepted.");
        }

        if (jwt.Header.KeyId != key.KeyId)
        {
            return TokenCheck.Fail(jwt.Header.KeyId is null
                ? "The access token names no signing key (kid)."
                : $"The access token's signing key '{TokenText.Quote(jwt.Header.KeyId)}' is not one of the service's keys.");
        }

        if (!jwt.VerifyRs256(key.Rsa))
        {
            return TokenCheck.Fail("The access token's signature is invalid.");
        }

        var claims = jwt.Claims;
        var now = clock.GetUtcNow();
        if (claims.ExpiresOn is not { } expires || expires <= now - ClockSkew)
        {
            return TokenCheck.Fail("The access token has expired.");
        }

        if (claims.NotBefore is { } notBefore && notBefore > now + ClockSkew)
        {
            return TokenCheck.Fail("The access token is not valid yet.");
        }

        if (!string.Equals(claims.Audience, expectedAudience, StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Fail($"The access token's audience '{TokenText.Quote(claims.Audience)}' is not this service ({expectedAudience}).");
        }

        if (claims.TenantId is not { } tenantId || claims.Issuer != issuers.Issuer(tenantId))
        {
            return TokenCheck.Fail("The access token's issuer is not trusted.");
        }

        if (claims.ObjectId is not { } objectId)
        {
            return TokenCheck.Fail("The access token names no caller (oid).");
        }

        return new TokenCheck(new Caller(tenantId, objectId, claims.UserPrincipalName, claims.AppId, claims.DirectoryRoles, claims.AppRoles, claims.Audience!), null);
    }
}
