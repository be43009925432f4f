using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// The refresh-token grant: a refresh token is redeemed once, by the client it was issued to, while its
/// owner's account is still enabled; at its own tenant's authority (or a multi-tenant alias), or, as Entra
/// allows and MSAL's silent sign-in per tenant relies on, at another tenant where its owner has access (a
/// partner's delegation, or a guest account). Elsewhere it is refused with AADSTS50020 and stays its owner's.
/// </summary>
public sealed class RefreshTokenRedemption(RefreshTokens refreshTokens, DirectoryStore directory, PartnerDelegation delegation, UserSignIn users)
{
    public SignInOutcome Redeem(TokenRequest request, string audience)
    {
        var token = request.RefreshToken ?? "";
        var grant = refreshTokens.Find(token);
        if (grant is null || !string.Equals(grant.ClientId, request.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid();
        }

        var owner = directory.FindUserById(grant.UserObjectId);
        if (owner is null || owner.Deleted || !owner.AccountEnabled)
        {
            return refreshTokens.Remove(token)
                ? SignInOutcome.Refused("invalid_grant", "AADSTS50057", "The user account is disabled or was deleted.")
                : Invalid();
        }

        var target = TenantAuthority.IsMultiTenant(request.Tenant) ? directory.FindTenant(grant.TenantId) : directory.FindTenant(request.Tenant);
        if (target is null)
        {
            return TenantAuthority.UnknownTenant(request.Tenant);
        }

        // Checked before the token is spent: a tenant the owner cannot reach leaves it redeemable where they can.
        if (delegation.RolesIn(target, owner) is null)
        {
            return users.NoAccess(owner, target);
        }

        return refreshTokens.Remove(token) ? users.Tokens(target.TenantId, owner.UserPrincipalName, request.ClientId, audience, request.Scope) : Invalid();
    }

    private static SignInOutcome Invalid() =>
        SignInOutcome.Refused("invalid_grant", "AADSTS70008", "The refresh token has expired or is invalid, or was issued to another client.");
}
