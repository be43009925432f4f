namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>What a successful sign-in answers: the access token, and for a person the refresh token, id_token and client_info MSAL needs.</summary>
public sealed record IssuedTokens(IssuedToken Access, string Scope, string? RefreshToken = null, string? IdToken = null, string? ClientInfo = null);

/// <summary>A sign-in's result: tokens, or Entra's refusal.</summary>
public sealed record SignInOutcome(IssuedTokens? Tokens, OAuthRefusal? Refusal)
{
    public static SignInOutcome Granted(IssuedTokens tokens) => new(tokens, null);

    public static SignInOutcome Refused(string error, string aadsts, string description, int status = StatusCodes.Status400BadRequest) =>
        new(null, new OAuthRefusal(error, aadsts, description, status));

    public static implicit operator SignInOutcome(OAuthRefusal refusal) => new(null, refusal);
}
