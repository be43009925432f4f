using System.Security.Cryptography;

namespace MSCommerce.Stub.Identity;

public enum DeviceCodeState { Pending, Approved, Denied }

public sealed class DeviceCodeGrant(string deviceCode, string userCode, string tenant, string tenantKey, string clientId, string scope, DateTimeOffset expiresOn)
{
    public string DeviceCode { get; } = deviceCode;
    public string UserCode { get; } = userCode;

    /// <summary>The authority path it was started at, as given (a domain, an id or a multi-tenant alias).</summary>
    public string Tenant { get; } = tenant;

    /// <summary>The tenant it counts against for the per-tenant cap (the tenant id, or the alias).</summary>
    public string TenantKey { get; } = tenantKey;

    public string ClientId { get; } = clientId;
    public string Scope { get; } = scope;
    public DateTimeOffset ExpiresOn { get; } = expiresOn;
    public DeviceCodeState State { get; set; }
    public string? UserPrincipalName { get; set; }
}

/// <summary>How many device-code sign-ins may wait at once, in one tenant and in all.</summary>
public sealed record DeviceCodeLimits(int PerTenant, int Overall)
{
    public const int DefaultPerTenant = 100;
    public const int DefaultOverall = 1000;
}

/// <summary>A started sign-in, or why none was started: too many are waiting, and when the first of them expires.</summary>
public sealed record DeviceCodeStart(DeviceCodeGrant? Grant, string? Full, TimeSpan RetryAfter);

/// <summary>
/// Device-code sign-ins waiting for a person to approve them (a test does that through /_admin).
/// Nobody has signed in when a code is started, so what they hold is bounded: expired codes leave
/// memory at the next start, and no more than the limits wait at once.
/// </summary>
public sealed class DeviceCodes(TimeProvider clock, DeviceCodeLimits limits)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DeviceCodeGrant> _byDeviceCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceCodeGrant> _byUserCode = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The codes held in memory, expired ones not yet dropped included.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byDeviceCode.Count;
            }
        }
    }

    public DeviceCodeStart Start(string tenant, string tenantKey, string clientId, string scope)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            DropExpired(now);
            var sameTenant = _byDeviceCode.Values.Where(grant => string.Equals(grant.TenantKey, tenantKey, StringComparison.OrdinalIgnoreCase)).ToList();
            if (sameTenant.Count >= limits.PerTenant)
            {
                return new DeviceCodeStart(null, $"{limits.PerTenant} device-code sign-ins are already waiting in this tenant", sameTenant.Min(grant => grant.ExpiresOn) - now);
            }

            if (_byDeviceCode.Count >= limits.Overall)
            {
                return new DeviceCodeStart(null, $"{limits.Overall} device-code sign-ins are already waiting in the service", _byDeviceCode.Values.Min(grant => grant.ExpiresOn) - now);
            }

            var grant = new DeviceCodeGrant(Base64Url.Encode(RandomNumberGenerator.GetBytes(32)), NewUserCode(), tenant, tenantKey, clientId, scope, now + Lifetime);
            _byDeviceCode[grant.DeviceCode] = grant;
            _byUserCode[grant.UserCode] = grant;
            return new DeviceCodeStart(grant, null, TimeSpan.Zero);
        }
    }

    public DeviceCodeGrant? ByDeviceCode(string code)
    {
        lock (_lock)
        {
            return _byDeviceCode.GetValueOrDefault(code);
        }
    }

    public DeviceCodeGrant? ByUserCode(string code)
    {
        lock (_lock)
        {
            return _byUserCode.GetValueOrDefault(code);
        }
    }

    /// <summary>The sign-ins of a tenant still waiting for a person.</summary>
    public IReadOnlyList<DeviceCodeGrant> Pending(string tenant)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            DropExpired(now);
            return _byDeviceCode.Values.Where(grant => grant.State == DeviceCodeState.Pending && string.Equals(grant.Tenant, tenant, StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }

    public void Redeem(DeviceCodeGrant grant)
    {
        lock (_lock)
        {
            _byDeviceCode.Remove(grant.DeviceCode);
            _byUserCode.Remove(grant.UserCode);
        }
    }

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var grant in _byDeviceCode.Values.Where(grant => grant.ExpiresOn <= now).ToList())
        {
            _byDeviceCode.Remove(grant.DeviceCode);
            _byUserCode.Remove(grant.UserCode);
        }
    }

    /// <summary>Nine characters of an alphabet without look-alikes, unique among the codes waiting.</summary>
    private string NewUserCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        string code;
        do
        {
            code = new string(Enumerable.Range(0, 9).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
        }
        while (_byUserCode.ContainsKey(code));

        return code;
    }
}
