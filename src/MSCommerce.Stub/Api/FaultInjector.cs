namespace MSCommerce.Stub.Api;

/// <summary>
/// A failure to inject: for the next Count matching calls, or with Rate below 1 for that share of them (each call drawn at random).
/// With AfterProcessing the call is carried out as usual and only its answer is lost (the status instead, or the connection
/// dropped): what a client sees when a proxy or the network fails after the service made the change.
/// With a TenantId, only calls whose token is for that tenant match (one customer's trouble among many).
/// </summary>
public sealed record FaultRule(string? Method, string? PathPrefix, int Status, int Count, int? RetryAfterSeconds, bool RetryAfterAsDate, int LatencyMs, bool DropConnection, double Rate = 1.0, bool AfterProcessing = false, string? TenantId = null);

/// <summary>Answers the next matching calls with a chosen failure: how tests rehearse throttling, outages and slow answers.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<(FaultRule Rule, int Remaining)> _rules = [];

    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add((rule, rule.Count));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The fault for this call, of those for any tenant, consuming one of its count; null for a normal answer.</summary>
    public FaultRule? Take(string method, string path) => Take(method, path, null);

    /// <summary>The fault for this call, of those for the caller's tenant (known once the token is checked); null for a normal answer.</summary>
    public FaultRule? TakeForTenant(string method, string path, string tenantId) => Take(method, path, tenantId);

    private FaultRule? Take(string method, string path, string? tenantId)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, remaining) = _rules[i];
                if (string.Equals(rule.TenantId, tenantId, StringComparison.OrdinalIgnoreCase)
                    && (rule.Method is null || rule.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
                    && (rule.PathPrefix is null || path.StartsWith(rule.PathPrefix, StringComparison.OrdinalIgnoreCase))
                    && (rule.Rate >= 1.0 || Random.Shared.NextDouble() < rule.Rate))
                {
                    if (remaining <= 1)
                    {
                        _rules.RemoveAt(i);
                    }
                    else
                    {
                        _rules[i] = (rule, remaining - 1);
                    }

                    return rule;
                }
            }

            return null;
        }
    }
}
