using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MSCommerce.Stub.Identity;

/// <summary>
/// Who signed in with this browser: a session cookie the sign-in page sets, as Entra's does, so that
/// a later sign-in can be silent (prompt=none, or no prompt) until the session ends. In memory: a
/// restart ends every session.
/// </summary>
public sealed class BrowserSessions(TimeProvider clock)
{
    public const string CookieName = "mscommerce_session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, (string UserPrincipalName, DateTimeOffset ExpiresOn)> _sessions = new();

    public void Start(HttpContext context, string userPrincipalName)
    {
        var id = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = (userPrincipalName, clock.GetUtcNow() + Lifetime);
        context.Response.Cookies.Append(CookieName, id, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = Lifetime });
    }

    /// <summary>The user principal name this browser signed in as, or null without a live session.</summary>
    public string? SignedIn(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var id) || id is null || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.ExpiresOn <= clock.GetUtcNow())
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        return session.UserPrincipalName;
    }
}
