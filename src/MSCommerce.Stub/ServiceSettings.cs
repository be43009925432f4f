namespace MSCommerce.Stub;

/// <summary>The settings a running service can change (through /_admin/settings), starting from its options.</summary>
public sealed class ServiceSettings
{
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan Latency { get; set; }
    public int RateLimitPerSecond { get; set; }

    /// <summary>How long an authorization code may wait to be redeemed (Entra: about ten minutes).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
