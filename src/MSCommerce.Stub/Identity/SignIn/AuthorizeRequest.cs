namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>The parameters of a browser sign-in (the authorize endpoint's query, carried through the sign-in form).</summary>
public sealed record AuthorizeRequest(
    string Tenant,
    string ClientId,
    string RedirectUri,
    string ResponseType,
    string Scope,
    string? State,
    string? Nonce,
    string? LoginHint,
    string? Prompt,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? ResponseMode = null)
{
    /// <summary>The names of the parameters, as the form carries them from one page to the next.</summary>
    public static readonly string[] ParameterNames =
        ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "login_hint", "prompt", "code_challenge", "code_challenge_method", "response_mode"];

    public static AuthorizeRequest From(string tenant, Func<string, string?> parameter) => new(
        tenant,
        parameter("client_id") ?? "",
        parameter("redirect_uri") ?? "",
        parameter("response_type") ?? "",
        parameter("scope") ?? "",
        parameter("state"),
        parameter("nonce"),
        parameter("login_hint"),
        parameter("prompt"),
        parameter("code_challenge"),
        parameter("code_challenge_method"),
        parameter("response_mode"));

    public IEnumerable<KeyValuePair<string, string?>> Parameters() =>
    [
        new("client_id", ClientId), new("redirect_uri", RedirectUri), new("response_type", ResponseType), new("scope", Scope),
        new("state", State), new("nonce", Nonce), new("login_hint", LoginHint), new("prompt", Prompt),
        new("code_challenge", CodeChallenge), new("code_challenge_method", CodeChallengeMethod), new("response_mode", ResponseMode),
    ];

    /// <summary>Whether the answer goes back as a form posted to the redirect URI (MSAL asks so) rather than in its query.</summary>
    public bool PostsBack => string.Equals(ResponseMode, "form_post", StringComparison.Ordinal);
}
