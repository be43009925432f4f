namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// The device-code grant: the code is redeemed once, by the client that asked for it, at the
/// authority it was asked at, after a person approved it; until then the client keeps polling.
/// </summary>
public sealed class DeviceCodeRedemption(DeviceCodes codes, TenantAuthority authorities, UserSignIn users, TimeProvider clock)
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";

    public SignInOutcome Redeem(TokenRequest request, string audience)
    {
        var grant = codes.ByDeviceCode(request.DeviceCode ?? "");
        if (grant is null || grant.ExpiresOn <= clock.GetUtcNow())
        {
            return SignInOutcome.Refused("expired_token", "AADSTS70020", "The provided value for the input parameter 'device_code' is not valid: it expired or was never issued.");
        }

        // A code belongs to the client and the authority that started it: anyone else learns nothing and cannot spend it.
        if (!string.Equals(grant.ClientId, request.ClientId, StringComparison.OrdinalIgnoreCase) || !authorities.Same(grant.Tenant, request.Tenant))
        {
            return SignInOutcome.Refused("invalid_grant", "AADSTS70000", "The provided value for the input parameter 'device_code' is not valid for this client and authority.");
        }

        if (grant.State == DeviceCodeState.Pending)
        {
            return SignInOutcome.Refused("authorization_pending", "AADSTS70016", "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
        }

        codes.Redeem(grant);
        return grant.State == DeviceCodeState.Denied
            ? SignInOutcome.Refused("authorization_declined", "AADSTS70000", "The user declined the sign-in.")
            : users.Tokens(request.Tenant, grant.UserPrincipalName!, request.ClientId, audience, request.Scope);
    }
}
