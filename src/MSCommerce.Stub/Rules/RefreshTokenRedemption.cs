using MSCommerce.Stub.Data;
using MSCommerce.Stub.Identity;

namespace MSCommerce.Stub.Rules;

/// <summary>
/// The refresh-token grant: a refresh token is redeemed once, by the client it was issued to, at its
/// tenant's authority (or a multi-tenant alias), while its owner's account is still enabled.
/// </summary>
public sealed class RefreshTokenRedemption(RefreshTokens refreshTokens, DirectoryStore directory, TenantAuthority authorities, UserSignIn users)
{
    public SignInOutcome Redeem(TokenRequest request, string audience)
    {
        var token = request.RefreshToken ?? "";
        var grant = refreshTokens.Find(token);
        if (grant is null
            || !string.Equals(grant.ClientId, request.ClientId, StringComparison.OrdinalIgnoreCase)
            || !(TenantAuthority.IsMultiTenant(request.Tenant) || authorities.Names(request.Tenant, grant.TenantId))
            || !refreshTokens.Remove(token))
        {
            return SignInOutcome.Refused("invalid_grant", "AADSTS70008", "The refresh token has expired or is invalid, or was issued to another client or tenant.");
        }

        var owner = directory.FindUserById(grant.UserObjectId);
        return owner is null || owner.Deleted || !owner.AccountEnabled
            ? SignInOutcome.Refused("invalid_grant", "AADSTS50057", "The user account is disabled or was deleted.")
            : users.Tokens(grant.TenantId, owner.UserPrincipalName, request.ClientId, audience, request.Scope);
    }
}
