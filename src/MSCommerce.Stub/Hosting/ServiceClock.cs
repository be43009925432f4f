namespace MSCommerce.Stub.Hosting;

/// <summary>
/// The service's time: the system's, moved forward by whatever the test controls added
/// (POST /_admin/clock), so that a test can let codes expire or a lockout end without waiting.
/// Only the date and time move; timestamps for measuring elapsed time (the rate limiter) stay real.
/// </summary>
public sealed class ServiceClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the service's time forward; it never goes back.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
