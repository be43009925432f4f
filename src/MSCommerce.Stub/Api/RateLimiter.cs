using System.Collections.Concurrent;
using MSCommerce.Stub.Hosting;

namespace MSCommerce.Stub.Api;

/// <summary>A token bucket per tenant: RateLimitPerSecond refill, a burst of twice that.</summary>
public sealed class TenantRateLimiter(ServiceSettings settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when the call may go on; otherwise the seconds to wait before retrying.</summary>
    public int? TryAcquire(string tenantId)
    {
        var rate = settings.RateLimitPerSecond;
        if (rate <= 0)
        {
            return null;
        }

        var bucket = _buckets.GetOrAdd(tenantId, _ => new Bucket(rate * 2.0, clock.GetTimestamp()));
        lock (bucket)
        {
            var now = clock.GetTimestamp();
            var elapsed = clock.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            bucket.Tokens = Math.Min(rate * 2.0, bucket.Tokens + elapsed * rate);
            bucket.Stamp = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return null;
            }

            return Math.Max(1, (int)Math.Ceiling((1 - bucket.Tokens) / rate));
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens { get; set; } = tokens;
        public long Stamp { get; set; } = stamp;
    }
}
