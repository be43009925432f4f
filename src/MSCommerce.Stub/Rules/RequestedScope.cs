using MSCommerce.Stub.Identity;

namespace MSCommerce.Stub.Rules;

/// <summary>
/// The audience a token request's scope asks for, as Entra reads it: each scope is
/// "{resource}/{permission}", and the resource must be exactly License Manager's application id or
/// Microsoft Graph (by URI or application id). OpenID scopes ride along; anything else, or two
/// resources in one request, is invalid_scope.
/// </summary>
public static class RequestedScope
{
    private const string GraphAppId = "00000003-0000-0000-c000-000000000000";

    private static readonly HashSet<string> OpenIdScopes = new(StringComparer.OrdinalIgnoreCase) { "openid", "profile", "offline_access", "email" };

    /// <summary>The audience, or null when the scope names no known resource, an unknown one, or two.</summary>
    public static string? Audience(string scope)
    {
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

    private static string? ResourceAudience(string resource) =>
        string.Equals(resource, DirectoryRoles.LicenseManagerAppId, StringComparison.OrdinalIgnoreCase) ? DirectoryRoles.LicenseManagerAppId
        : string.Equals(resource, DirectoryRoles.GraphAudience, StringComparison.OrdinalIgnoreCase) || string.Equals(resource, GraphAppId, StringComparison.OrdinalIgnoreCase) ? DirectoryRoles.GraphAudience
        : null;
}
