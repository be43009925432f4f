using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MSCommerce.Stub.Identity;

/// <summary>What a browser sign-in granted, waiting for its client to redeem it at the token endpoint.</summary>
public sealed record AuthorizationCodeGrant(
    string Tenant,
    string ClientId,
    string RedirectUri,
    string CodeChallenge,
    string UserPrincipalName,
    string? Nonce,
    DateTimeOffset ExpiresOn);

/// <summary>
/// Authorization codes of browser sign-ins, in memory. A code is taken out at its first redemption,
/// whatever the outcome, so it can never be spent twice; the codes spent stay known until they would
/// have expired, so that a replay is told apart from a code that never was.
/// </summary>
public sealed class AuthorizationCodes(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, AuthorizationCodeGrant> _waiting = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spent = new();

    public string Issue(AuthorizationCodeGrant grant)
    {
        ForgetExpired();
        var code = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        _waiting[code] = grant;
        return code;
    }

    /// <summary>The grant of a code, spending it; null when it was never issued or was spent already (<paramref name="replayed"/> says which).</summary>
    public AuthorizationCodeGrant? Spend(string code, out bool replayed)
    {
        if (_waiting.TryRemove(code, out var grant))
        {
            _spent[code] = grant.ExpiresOn;
            replayed = false;
            return grant;
        }

        replayed = _spent.ContainsKey(code);
        return null;
    }

    private void ForgetExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (code, grant) in _waiting)
        {
            if (grant.ExpiresOn < now)
            {
                _waiting.TryRemove(code, out _);
            }
        }

        foreach (var (code, expiresOn) in _spent)
        {
            if (expiresOn < now)
            {
                _spent.TryRemove(code, out _);
            }
        }
    }
}
