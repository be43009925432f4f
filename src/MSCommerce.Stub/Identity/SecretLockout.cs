using MSCommerce.Stub.Hosting;

namespace MSCommerce.Stub.Identity;

/// <summary>
/// Entra-like lockout of an application's client-secret sign-ins: after <see cref="ServiceSettings.LockoutThreshold"/>
/// wrong secrets in a row (none older than the lockout duration before the next), the app's secret
/// sign-ins are refused for <see cref="ServiceSettings.LockoutDuration"/> of the service's time, the right
/// secret included. Only registered applications are counted, so a stranger cannot make it hold more
/// than one entry per app; an entry leaves at a right secret or when its lockout ends. Certificate
/// assertions are not counted: they cannot be guessed, and counting them would let anyone lock out
/// the sign-in that automation should use.
/// </summary>
public sealed class SecretLockout(ServiceSettings settings, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Failures> _byClient = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the app's lockout ends, if it is locked out now.</summary>
    public DateTimeOffset? LockedUntil(string clientId)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_byClient.TryGetValue(clientId, out var failures) || failures.LockedUntil is not { } until)
            {
                return null;
            }

            if (until > now)
            {
                return until;
            }

            _byClient.Remove(clientId);
            return null;
        }
    }

    public void Failed(string clientId)
    {
        var threshold = settings.LockoutThreshold;
        if (threshold <= 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_byClient.TryGetValue(clientId, out var failures) || now - failures.Last > settings.LockoutDuration)
            {
                _byClient[clientId] = failures = new Failures();
            }

            failures.Count++;
            failures.Last = now;
            if (failures.Count >= threshold)
            {
                failures.LockedUntil = now + settings.LockoutDuration;
            }
        }
    }

    public void Succeeded(string clientId)
    {
        lock (_lock)
        {
            _byClient.Remove(clientId);
        }
    }

    private sealed class Failures
    {
        public int Count { get; set; }
        public DateTimeOffset Last { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
    }
}
