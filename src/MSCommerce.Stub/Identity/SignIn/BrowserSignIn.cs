using MSCommerce.Stub.Hosting;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>What the authorize endpoint does with a request, once its parameters are checked.</summary>
public enum AuthorizeStep
{
    /// <summary>Show the error on a page: the redirect URI cannot be trusted with it (unknown tenant, client or redirect URI).</summary>
    ShowError,
    /// <summary>Send the error back to the client's redirect URI.</summary>
    RedirectError,
    /// <summary>Ask the person for their user name and password.</summary>
    ShowSignIn,
    /// <summary>The browser's session signs them in without a page: send a code to the redirect URI.</summary>
    RedirectCode,
}

/// <summary>
/// The authorization code flow as Entra runs it: the tenant, the client and its registered redirect
/// URI first (an error there is shown, never redirected), then the request itself (response type
/// code, a known scope, PKCE with S256, a known prompt), then whether the browser's session may sign
/// in silently (prompt=none without one is login_required).
/// </summary>
public sealed class BrowserSignIn(TenantAuthority authorities, ClientRedirects redirects, AuthorizationCodes codes, ServiceSettings settings, TimeProvider clock)
{
    private static readonly HashSet<string> Prompts = new(StringComparer.Ordinal) { "login", "select_account", "none", "consent" };

    public (AuthorizeStep Step, OAuthRefusal? Refusal) Decide(AuthorizeRequest request, string? sessionUser)
    {
        if (Untrusted(request) is { } shown)
        {
            return (AuthorizeStep.ShowError, shown);
        }

        if (Malformed(request) is { } refused)
        {
            return (AuthorizeStep.RedirectError, refused);
        }

        return request.Prompt switch
        {
            "none" when sessionUser is null => (AuthorizeStep.RedirectError, new OAuthRefusal("login_required", "AADSTS50058", "A silent sign-in request was sent but no user is signed in.")),
            "none" => (AuthorizeStep.RedirectCode, null),
            null or "" when sessionUser is not null => (AuthorizeStep.RedirectCode, null),
            _ => (AuthorizeStep.ShowSignIn, null),
        };
    }

    /// <summary>A code for the person who signed in, bound to the request's tenant, client, redirect URI and PKCE challenge.</summary>
    public string IssueCode(AuthorizeRequest request, string userPrincipalName) =>
        codes.Issue(new AuthorizationCodeGrant(request.Tenant, request.ClientId, request.RedirectUri, request.CodeChallenge!, userPrincipalName, request.Nonce, clock.GetUtcNow() + settings.AuthorizationCodeLifetime));

    private OAuthRefusal? Untrusted(AuthorizeRequest request)
    {
        if (authorities.RefuseUnknown(request.Tenant) is { } unknownTenant)
        {
            return unknownTenant;
        }

        if (string.IsNullOrEmpty(request.ClientId))
        {
            return new("invalid_request", "AADSTS900144", "The request body must contain the following parameter: 'client_id'.");
        }

        if (!redirects.IsKnown(request.ClientId))
        {
            return new("unauthorized_client", "AADSTS700016", $"Application with identifier '{request.ClientId}' was not found in the directory '{request.Tenant}'.");
        }

        return redirects.Allows(request.ClientId, request.RedirectUri)
            ? null
            : new("invalid_request", "AADSTS50011", $"The redirect URI '{request.RedirectUri}' specified in the request does not match the redirect URIs configured for the application '{request.ClientId}'.");
    }

    private static OAuthRefusal? Malformed(AuthorizeRequest request)
    {
        if (request.ResponseType != "code")
        {
            return new("unsupported_response_type", "AADSTS700054", $"response_type '{request.ResponseType}' is not enabled for the application; use 'code'.");
        }

        if (RequestedScope.Audience(request.Scope) is null)
        {
            return new("invalid_scope", "AADSTS70011", $"The provided value for the input parameter 'scope' is not valid: '{request.Scope}'.");
        }

        if (string.IsNullOrEmpty(request.CodeChallenge) || request.CodeChallengeMethod != "S256")
        {
            return new("invalid_request", "AADSTS9002325", "Proof Key for Code Exchange is required: send code_challenge with code_challenge_method=S256.");
        }

        return request.Prompt is null || Prompts.Contains(request.Prompt)
            ? null
            : new("invalid_request", "AADSTS90023", $"Invalid prompt value '{request.Prompt}': use login, select_account, consent or none.");
    }
}
