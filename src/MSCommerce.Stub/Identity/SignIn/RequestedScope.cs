using MSCommerce.Stub.Domain;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// The audience a token request's scope asks for, as Entra reads it: each scope is
/// "{resource}/{permission}", and the resource must be exactly License Manager's application id or
/// Microsoft Graph (by URI or application id). OpenID scopes ride along; anything else, or two
/// resources in one request, is invalid_scope. So is a scope longer than <see cref="MaxLength"/>: nothing
/// that long names one resource, and a token answer echoes the scope.
/// </summary>
public static class RequestedScope
{
    public const int MaxLength = 2048;

    private const string GraphAppId = "00000003-0000-0000-c000-000000000000";

    private static readonly HashSet<string> OpenIdScopes = new(StringComparer.OrdinalIgnoreCase) { "openid", "profile", "offline_access", "email" };

    /// <summary>The audience, or null when the scope names no known resource, an unknown one, or two.</summary>
    public static string? Audience(string scope)
    {
        if (scope.Length > MaxLength)
        {
            return null;
        }

        string? audience = null;
        foreach (var item in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (OpenIdScopes.Contains(item))
            {
                continue;
            }

            var slash = item.LastIndexOf('/');
            if (slash <= 0 || slash == item.Length - 1 || ResourceAudience(item[..slash]) is not { } resource)
            {
                return null;
            }

            if (audience is not null && audience != resource)
            {
                return null;
            }

            audience = resource;
        }

        return audience;
    }

    /// <summary>Entra's refusal of a scope, quoting no more of it than an error message needs.</summary>
    public static OAuthRefusal Invalid(string scope) =>
        new("invalid_scope", "AADSTS70011", $"The provided value for the input parameter 'scope' is not valid: '{TokenText.Quote(scope)}'.");

    private static string? ResourceAudience(string resource) =>
        string.Equals(resource, DirectoryRoles.LicenseManagerAppId, StringComparison.OrdinalIgnoreCase) ? DirectoryRoles.LicenseManagerAppId
        : string.Equals(resource, DirectoryRoles.GraphAudience, StringComparison.OrdinalIgnoreCase) || string.Equals(resource, GraphAppId, StringComparison.OrdinalIgnoreCase) ? DirectoryRoles.GraphAudience
        : null;
}
