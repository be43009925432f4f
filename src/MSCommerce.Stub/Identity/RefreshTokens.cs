using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MSCommerce.Stub.Identity;

public sealed record RefreshGrant(string TenantId, string UserObjectId, string ClientId);

/// <summary>Opaque refresh tokens of user sign-ins, kept in memory (a restart signs users out, as a revoked session would).</summary>
public sealed class RefreshTokens
{
    private readonly ConcurrentDictionary<string, RefreshGrant> _grants = new();

    public string Issue(RefreshGrant grant)
    {
        var token = Base64Url.Encode(RandomNumberGenerator.GetBytes(48));
        _grants[token] = grant;
        return token;
    }

    /// <summary>The grant behind a token, without spending it (a refused redemption leaves it to its owner).</summary>
    public RefreshGrant? Find(string token) => _grants.TryGetValue(token, out var grant) ? grant : null;

    /// <summary>Spends a token; false when it was spent already (two redemptions raced).</summary>
    public bool Remove(string token) => _grants.TryRemove(token, out _);
}
