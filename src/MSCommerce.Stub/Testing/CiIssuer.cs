using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MSCommerce.Stub.Identity;

namespace MSCommerce.Stub.Testing;

/// <summary>A job's right to ask the CI issuer for ID tokens: what GitHub's ACTIONS_ID_TOKEN_REQUEST_TOKEN or Azure DevOps' SYSTEM_ACCESSTOKEN grants.</summary>
public sealed class CiJob(string subject, TimeSpan lifetime, TimeSpan issuedAgo, string serviceConnectionId)
{
    private int _issued;

    public string Subject { get; } = subject;
    public TimeSpan Lifetime { get; } = lifetime;
    public TimeSpan IssuedAgo { get; } = issuedAgo;
    public string ServiceConnectionId { get; } = serviceConnectionId;

    /// <summary>How many ID tokens the job was given: each renewal of a federated sign-in asks for one.</summary>
    public int Issued => _issued;

    public void CountIssued() => Interlocked.Increment(ref _issued);
}

/// <summary>
/// The local CI token issuer at /_ci/oidc (test controls only): an OpenID issuer of its own, with its own key
/// beside the database, that gives a job's ID tokens to whoever holds the job's request token, as GitHub
/// Actions and Azure DevOps do. Federated credentials trust it like any external issuer.
/// </summary>
public sealed class CiIssuer(IssuerNames names, TimeProvider clock, string keyPath) : IDisposable
{
    /// <summary>Jobs kept at most; the oldest is forgotten beyond it.</summary>
    public const int MaxJobs = 1000;

    private readonly Lazy<SigningKey> _key = new(() => SigningKey.LoadOrCreate(keyPath));
    private readonly ConcurrentDictionary<string, CiJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public string Issuer => names.CiIssuer;

    public SigningKey Key => _key.Value;

    public string StartJob(CiJob job)
    {
        var requestToken = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        _jobs[requestToken] = job;
        _order.Enqueue(requestToken);
        while (_order.Count > MaxJobs && _order.TryDequeue(out var oldest))
        {
            _jobs.TryRemove(oldest, out _);
        }

        return requestToken;
    }

    public CiJob? Job(string? requestToken) => requestToken is not null && _jobs.TryGetValue(requestToken, out var job) ? job : null;

    public IReadOnlyList<CiJob> Jobs => _order.Select(token => _jobs.TryGetValue(token, out var job) ? job : null).OfType<CiJob>().ToList();

    /// <summary>A new ID token for the job, for the audience asked for.</summary>
    public string IdToken(CiJob job, string audience)
    {
        var issuedAt = clock.GetUtcNow() - job.IssuedAgo;
        var claims = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString(),
            ["sub"] = job.Subject,
            ["aud"] = audience,
            ["iss"] = Issuer,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + job.Lifetime).ToUnixTimeSeconds(),
            ["runner_environment"] = "self-hosted",
        };
        job.CountIssued();
        return Jwt.Sign(claims, Key);
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }
}
