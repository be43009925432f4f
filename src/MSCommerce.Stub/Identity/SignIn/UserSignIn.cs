using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// Tokens for a person who signed in: only with an existing, enabled account; in the tenant the
/// authority names (a multi-tenant alias means their home tenant) with the roles they hold there.
/// </summary>
public sealed class UserSignIn(DirectoryStore directory, PartnerDelegation delegation, TokenIssuer issuer, RefreshTokens refreshTokens, IdTokens idTokens, IssuerNames issuers)
{
    public SignInOutcome Tokens(string tenant, string userPrincipalName, string clientId, string audience, string scope, string? nonce = null)
    {
        var user = directory.FindUserAnywhere(userPrincipalName);
        if (user is null || user.Deleted || !user.AccountEnabled)
        {
            return SignInOutcome.Refused("invalid_grant", "AADSTS50034", $"The user account {userPrincipalName} does not exist or is disabled.");
        }

        var target = directory.FindTenant(TenantAuthority.IsMultiTenant(tenant) ? user.TenantId : tenant);
        if (target is null)
        {
            return TenantAuthority.UnknownTenant(tenant);
        }

        var roles = delegation.RolesIn(target, user);
        if (roles is null)
        {
            return NoAccess(user, target, issuers);
        }

        var token = issuer.ForUser(target.TenantId, user, roles, audience, clientId);
        var refreshToken = refreshTokens.Issue(new RefreshGrant(target.TenantId, user.ObjectId, clientId));
        return SignInOutcome.Granted(new IssuedTokens(token, scope, refreshToken, idTokens.IdToken(target, user, clientId, token.ExpiresOn, nonce), IdTokens.ClientInfo(user)));
    }

    /// <summary>AADSTS50020: the person has no account, delegation or guest account in the tenant.</summary>
    public SignInOutcome NoAccess(DirectoryUser user, Tenant target) => NoAccess(user, target, issuers);

    private static SignInOutcome NoAccess(DirectoryUser user, Tenant target, IssuerNames issuers) =>
        SignInOutcome.Refused("invalid_grant", "AADSTS50020", $"User account '{user.UserPrincipalName}' from identity provider '{issuers.Issuer(user.TenantId)}' does not exist in tenant '{target.Domain}' and cannot access it.");
}
