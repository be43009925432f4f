namespace MSCommerce.Stub.Hosting;

/// <summary>The settings a running service can change (through /_admin/settings), starting from its options.</summary>
public sealed class ServiceSettings
{
    public const int DefaultLockoutThreshold = 10;
    public static readonly TimeSpan DefaultLockoutDuration = TimeSpan.FromSeconds(60);

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan Latency { get; set; }
    public int RateLimitPerSecond { get; set; }

    /// <summary>Wrong client secrets in a row that lock an app's secret sign-ins out; 0 turns the lockout off.</summary>
    public int LockoutThreshold { get; set; } = DefaultLockoutThreshold;

    public TimeSpan LockoutDuration { get; set; } = DefaultLockoutDuration;

    /// <summary>How long an authorization code may wait to be redeemed (Entra: about ten minutes).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
