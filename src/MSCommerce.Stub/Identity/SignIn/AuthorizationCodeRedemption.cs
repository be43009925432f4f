using System.Security.Cryptography;
using System.Text;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// The authorization_code grant: a code is spent at its first redemption (a replay is AADSTS54005),
/// lives a few minutes (AADSTS70008), is redeemed only by its client, with its redirect URI and at its
/// tenant, and only with the PKCE verifier whose S256 hash is the challenge it was issued for (AADSTS501481).
/// </summary>
public sealed class AuthorizationCodeRedemption(AuthorizationCodes codes, TenantAuthority authorities, UserSignIn users, TimeProvider clock)
{
    public const string GrantType = "authorization_code";

    public SignInOutcome Redeem(TokenRequest request, string audience)
    {
        if (string.IsNullOrEmpty(request.Code))
        {
            return SignInOutcome.Refused("invalid_request", "AADSTS900144", "The request body must contain the following parameter: 'code'.");
        }

        var grant = codes.Spend(request.Code, out var replayed);
        if (grant is null)
        {
            return replayed
                ? SignInOutcome.Refused("invalid_grant", "AADSTS54005", "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.")
                : SignInOutcome.Refused("invalid_grant", "AADSTS70000", "The provided value for the 'code' parameter is not valid.");
        }

        if (grant.ExpiresOn <= clock.GetUtcNow())
        {
            return SignInOutcome.Refused("invalid_grant", "AADSTS70008", "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
        }

        if (!string.Equals(grant.ClientId, request.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return SignInOutcome.Refused("invalid_grant", "AADSTS70000", "The provided value for the 'code' parameter is not valid: it was issued to another client.");
        }

        if (!authorities.Same(grant.Tenant, request.Tenant))
        {
            return SignInOutcome.Refused("invalid_grant", "AADSTS70000", "The provided value for the 'code' parameter is not valid: it was issued at another authority.");
        }

        if (!string.Equals(grant.RedirectUri, request.RedirectUri, StringComparison.Ordinal))
        {
            return SignInOutcome.Refused("invalid_grant", "AADSTS70000", "The provided value for 'redirect_uri' is not valid: it must be exactly the redirect URI the code was issued for.");
        }

        if (string.IsNullOrEmpty(request.CodeVerifier) || !Matches(request.CodeVerifier, grant.CodeChallenge))
        {
            return SignInOutcome.Refused("invalid_grant", "AADSTS501481", "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }

        return users.Tokens(request.Tenant, grant.UserPrincipalName, request.ClientId, audience, request.Scope, grant.Nonce);
    }

    private static bool Matches(string verifier, string challenge) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))),
            Encoding.ASCII.GetBytes(challenge));
}
