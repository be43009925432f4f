using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MSCommerce.Stub.Identity;

public enum DeviceCodeState { Pending, Approved, Denied }

public sealed class DeviceCodeGrant(string deviceCode, string userCode, string tenant, string clientId, string scope, DateTimeOffset expiresOn)
{
    public string DeviceCode { get; } = deviceCode;
    public string UserCode { get; } = userCode;
    public string Tenant { get; } = tenant;
    public string ClientId { get; } = clientId;
    public string Scope { get; } = scope;
    public DateTimeOffset ExpiresOn { get; } = expiresOn;
    public DeviceCodeState State { get; set; }
    public string? UserPrincipalName { get; set; }
}

/// <summary>Device-code sign-ins waiting for a person to approve them (a test does that through /_admin).</summary>
public sealed class DeviceCodes(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, DeviceCodeGrant> _byDeviceCode = new();
    private readonly ConcurrentDictionary<string, DeviceCodeGrant> _byUserCode = new(StringComparer.OrdinalIgnoreCase);

    public DeviceCodeGrant Start(string tenant, string clientId, string scope)
    {
        var grant = new DeviceCodeGrant(Base64Url.Encode(RandomNumberGenerator.GetBytes(32)), UserCode(), tenant, clientId, scope, clock.GetUtcNow() + Lifetime);
        _byDeviceCode[grant.DeviceCode] = grant;
        _byUserCode[grant.UserCode] = grant;
        return grant;
    }

    public DeviceCodeGrant? ByDeviceCode(string code) => _byDeviceCode.TryGetValue(code, out var grant) ? grant : null;

    public DeviceCodeGrant? ByUserCode(string code) => _byUserCode.TryGetValue(code, out var grant) ? grant : null;

    /// <summary>The sign-ins of a tenant still waiting for a person.</summary>
    public IReadOnlyList<DeviceCodeGrant> Pending(string tenant) =>
        _byDeviceCode.Values.Where(grant => grant.State == DeviceCodeState.Pending && string.Equals(grant.Tenant, tenant, StringComparison.OrdinalIgnoreCase)).ToList();

    public void Redeem(DeviceCodeGrant grant)
    {
        _byDeviceCode.TryRemove(grant.DeviceCode, out _);
        _byUserCode.TryRemove(grant.UserCode, out _);
    }

    private static string UserCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(Enumerable.Range(0, 9).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }
}
