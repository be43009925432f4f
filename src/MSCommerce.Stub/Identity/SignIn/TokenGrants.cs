namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// A tenant's token endpoint: the scope must name a known resource exactly, then the grant type
/// picks the rule (client credentials, device code, refresh token, authorization code).
/// </summary>
public sealed class TokenGrants(ApplicationSignIn applications, DeviceCodeRedemption deviceCodes, RefreshTokenRedemption refreshTokens, AuthorizationCodeRedemption authorizationCodes)
{
    public async Task<SignInOutcome> RedeemAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        if (RequestedScope.Audience(request.Scope) is not { } audience)
        {
            return RequestedScope.Invalid(request.Scope);
        }

        return request.GrantType switch
        {
            "client_credentials" => await applications.SignInAsync(request, audience, cancellationToken),
            DeviceCodeRedemption.GrantType or "device_code" => deviceCodes.Redeem(request, audience),
            "refresh_token" => refreshTokens.Redeem(request, audience),
            AuthorizationCodeRedemption.GrantType => authorizationCodes.Redeem(request, audience),
            _ => SignInOutcome.Refused("unsupported_grant_type", "AADSTS70003", $"The app requested an unsupported grant type '{request.GrantType}'."),
        };
    }
}
