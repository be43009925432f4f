using System.Security.Cryptography;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// Workload identity federation: an app proves itself with a token from an external issuer (a CI system,
/// Kubernetes) that one of its federated identity credentials trusts. Checked as Entra does, in order:
/// a credential for the token's issuer (AADSTS700211), one whose subject and audience match exactly
/// (AADSTS70021), the issuer's signature by its published keys (AADSTS50166 when they cannot be read,
/// AADSTS700027 when the signature is not theirs), and the token's validity (AADSTS700024).
/// </summary>
public sealed class FederatedAssertion(FederatedCredentialStore credentials, ExternalIssuerKeys issuerKeys, TimeProvider clock)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Whether an assertion is a federated token rather than one the app signed itself (whose issuer is the app's client id).</summary>
    public static bool IsFederated(ParsedJwt assertion, string clientId) =>
        !string.Equals(assertion.Claims.Issuer, clientId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when a credential of the app trusts the token; otherwise Entra's refusal.</summary>
    public async Task<OAuthRefusal?> RefusalAsync(ParsedJwt assertion, string clientId, CancellationToken cancellationToken)
    {
        var claims = assertion.Claims;
        var forIssuer = credentials.ForApplication(clientId).Where(credential => credential.Issuer == claims.Issuer).ToList();
        if (forIssuer.Count == 0)
        {
            return new OAuthRefusal("invalid_client", "AADSTS700211",
                $"No matching federated identity record found for presented assertion issuer '{TokenText.Quote(claims.Issuer)}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
                StatusCodes.Status401Unauthorized);
        }

        if (!forIssuer.Any(credential => credential.Subject == claims.Subject && credential.Audiences.Contains(claims.Audience ?? "", StringComparer.Ordinal)))
        {
            return new OAuthRefusal("invalid_request", "AADSTS70021",
                $"No matching federated identity record found for presented assertion. Assertion Issuer: '{TokenText.Quote(claims.Issuer)}'. Assertion Subject: '{TokenText.Quote(claims.Subject)}'. Assertion Audience: '{TokenText.Quote(claims.Audience)}'.");
        }

        var keys = await issuerKeys.KeysAsync(claims.Issuer!, assertion.Header.KeyId, cancellationToken);
        if (keys.Keys is not { } published)
        {
            return new OAuthRefusal("invalid_client", "AADSTS50166", $"Request to External OIDC endpoint failed: {keys.Failure}.", StatusCodes.Status401Unauthorized);
        }

        if (!SignedByOneOf(assertion, published))
        {
            return new OAuthRefusal("invalid_client", "AADSTS700027", "Client assertion failed signature validation: it is not signed by a key its issuer publishes.", StatusCodes.Status401Unauthorized);
        }

        var now = clock.GetUtcNow();
        if (claims.ExpiresOn is not { } expires || expires <= now - ClockSkew || claims.NotBefore is { } notBefore && notBefore > now + ClockSkew)
        {
            return new OAuthRefusal("invalid_client", "AADSTS700024",
                $"Client assertion is not within its valid time range. Current time: {Time(now)}, assertion valid from {Time(claims.NotBefore)}, expiry time of assertion {Time(claims.ExpiresOn)}.",
                StatusCodes.Status401Unauthorized);
        }

        return null;
    }

    private static bool SignedByOneOf(ParsedJwt assertion, IReadOnlyDictionary<string, RSAParameters> published)
    {
        var candidates = assertion.Header.KeyId is { } keyId
            ? published.TryGetValue(keyId, out var named) ? [named] : []
            : published.Values.ToList();
        foreach (var parameters in candidates)
        {
            using var rsa = RSA.Create(parameters);
            if (assertion.VerifyRs256(rsa))
            {
                return true;
            }
        }

        return false;
    }

    private static string Time(DateTimeOffset? time) => time is { } value ? value.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture) : "(none)";
}
