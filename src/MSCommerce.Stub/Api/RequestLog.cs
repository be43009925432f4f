namespace MSCommerce.Stub.Api;

public sealed record LoggedRequest(DateTimeOffset Time, string Method, string Path, int Status, string CorrelationId, string? TenantId);

/// <summary>
/// The API calls the service received, newest last, so a test can prove what was (not) sent. Kept only
/// with the test controls on, as a ring of the last <see cref="Capacity"/> calls; of each, no more of
/// the path and query than <see cref="MaxPathLength"/> and <see cref="MaxQueryLength"/> characters,
/// since anyone can send a long URL without signing in.
/// </summary>
public sealed class RequestLog(int capacity)
{
    public const int DefaultCapacity = 5000;
    public const int MaxPathLength = 1024;
    public const int MaxQueryLength = 256;
    public const int MaxMethodLength = 16;
    public const string Cut = "...";

    private readonly Lock _lock = new();
    private readonly LoggedRequest?[] _ring = new LoggedRequest?[Math.Max(1, capacity)];
    private long _added;

    public int Capacity => _ring.Length;

    /// <summary>The path and query as the log keeps them: each cut to its limit, marked with "...".</summary>
    public static string PathText(string path, string query) => Shorten(path, MaxPathLength) + Shorten(query, MaxQueryLength);

    public static string MethodText(string method) => Shorten(method, MaxMethodLength);

    public void Add(LoggedRequest request)
    {
        lock (_lock)
        {
            _ring[_added % _ring.Length] = request;
            _added++;
        }
    }

    public IReadOnlyList<LoggedRequest> Snapshot()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_added, _ring.Length);
            var first = _added - count;
            var requests = new LoggedRequest[count];
            for (var i = 0; i < count; i++)
            {
                requests[i] = _ring[(first + i) % _ring.Length]!;
            }

            return requests;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            Array.Clear(_ring);
            _added = 0;
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), Cut);
}
