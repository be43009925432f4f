namespace MSCommerce.Stub;

/// <summary>The settings a running service can change (through /_admin/settings), starting from its options.</summary>
public sealed class ServiceSettings
{
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan Latency { get; set; }
    public int RateLimitPerSecond { get; set; }
}
