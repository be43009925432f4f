using System.Collections.Concurrent;

namespace MSCommerce.Stub.Testing;

public sealed record LoggedRequest(DateTimeOffset Time, string Method, string Path, int Status, string CorrelationId, string? TenantId);

/// <summary>The API calls the service received, newest last, so a test can prove what was (not) sent.</summary>
public sealed class RequestLog
{
    private const int Capacity = 100_000;
    private readonly ConcurrentQueue<LoggedRequest> _requests = new();

    public void Add(LoggedRequest request)
    {
        _requests.Enqueue(request);
        while (_requests.Count > Capacity && _requests.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<LoggedRequest> Snapshot() => _requests.ToArray();

    public void Clear() => _requests.Clear();
}
