using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace MSCommerce.Stub.Identity;

/// <summary>An issuer's RSA signing keys by kid, or why they could not be read.</summary>
public sealed record IssuerKeys(IReadOnlyDictionary<string, RSAParameters>? Keys, string? Failure)
{
    public static IssuerKeys Fail(string failure) => new(null, failure);
}

/// <summary>
/// The signing keys of an external OpenID issuer (a CI system that federated credentials trust), read as
/// Entra reads them: {issuer}/.well-known/openid-configuration, then its jwks_uri, over HTTPS. Only issuers
/// a credential names are ever asked for. Documents are capped in size, requests in time, and the cache in
/// issuers; a key id not in the cache reads the keys again (rotation), and a failure is retried, at most once per <see cref="RereadAfter"/>.
/// The service's own certificate is trusted besides the machine's roots, so it can read its own CI issuer.
/// </summary>
public sealed class ExternalIssuerKeys : IDisposable
{
    public const int MaxDocumentBytes = 64 * 1024;
    public const int MaxIssuers = 100;
    public const int MaxKeys = 50;
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RereadAfter = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, (IssuerKeys Keys, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    public ExternalIssuerKeys(X509Certificate2 serviceCertificate, TimeProvider clock)
    {
        _clock = clock;
        var ownThumbprint = serviceCertificate.Thumbprint;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = Timeout,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || (certificate is not null && certificate.GetCertHashString() == ownThumbprint),
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout, MaxResponseContentBufferSize = MaxDocumentBytes };
    }

    /// <summary>The keys the issuer publishes; with <paramref name="keyId"/> not among cached keys, read again unless read just now.</summary>
    public async Task<IssuerKeys> KeysAsync(string issuer, string? keyId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        // A failure is kept only briefly, so an issuer that was down a moment is read again soon.
        if (_cache.TryGetValue(issuer, out var cached) && now - cached.ReadAt < CacheFor
            && (now - cached.ReadAt < RereadAfter || (cached.Keys.Keys is { } keys && (keyId is null || keys.ContainsKey(keyId)))))
        {
            return cached.Keys;
        }

        var read = await ReadAsync(issuer, cancellationToken);
        if (_cache.Count >= MaxIssuers && !_cache.ContainsKey(issuer))
        {
            // Bounded: the oldest entry makes room.
            var oldest = _cache.OrderBy(entry => entry.Value.ReadAt).First().Key;
            _cache.TryRemove(oldest, out _);
        }

        _cache[issuer] = (read, now);
        return read;
    }

    private async Task<IssuerKeys> ReadAsync(string issuer, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || issuerUri.Scheme != Uri.UriSchemeHttps)
        {
            return IssuerKeys.Fail($"the issuer '{TokenText.Quote(issuer)}' is not an https URL");
        }

        var discoveryUri = new Uri(issuer.TrimEnd('/') + "/.well-known/openid-configuration");
        var (discovery, failure) = await GetJsonAsync(discoveryUri, cancellationToken);
        if (discovery is not { } configuration)
        {
            return IssuerKeys.Fail($"its OpenID configuration ({discoveryUri}) {failure}");
        }

        if (!configuration.TryGetProperty("issuer", out var named) || named.ValueKind != JsonValueKind.String || named.GetString() != issuer)
        {
            return IssuerKeys.Fail($"its OpenID configuration does not name '{TokenText.Quote(issuer)}' as its issuer");
        }

        if (!configuration.TryGetProperty("jwks_uri", out var jwks) || jwks.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(jwks.GetString(), UriKind.Absolute, out var jwksUri) || jwksUri.Scheme != Uri.UriSchemeHttps)
        {
            return IssuerKeys.Fail("its OpenID configuration has no https jwks_uri");
        }

        var (keySet, keysFailure) = await GetJsonAsync(jwksUri, cancellationToken);
        if (keySet is not { } set)
        {
            return IssuerKeys.Fail($"its keys ({jwksUri}) {keysFailure}");
        }

        return ReadKeys(set);
    }

    private static IssuerKeys ReadKeys(JsonElement set)
    {
        if (!set.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return IssuerKeys.Fail("its key set has no 'keys' array");
        }

        var rsa = new Dictionary<string, RSAParameters>(StringComparer.Ordinal);
        foreach (var key in keys.EnumerateArray().Take(MaxKeys))
        {
            if (key.ValueKind != JsonValueKind.Object || Text(key, "kty") != "RSA" || Text(key, "use") is not (null or "sig")
                || Text(key, "n") is not { } modulus || Text(key, "e") is not { } exponent
                || Base64Url.TryDecodeStrict(modulus) is not { Length: >= 256 } n || Base64Url.TryDecodeStrict(exponent) is not { Length: > 0 and <= 8 } e)
            {
                continue;
            }

            rsa[Text(key, "kid") ?? ""] = new RSAParameters { Modulus = n, Exponent = e };
        }

        return new IssuerKeys(rsa, null);
    }

    private async Task<(JsonElement? Json, string? Failure)> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(uri, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"answered {(int)response.StatusCode}");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object ? (document.RootElement.Clone(), null) : (null, "is not a JSON object");
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, error switch
            {
                JsonException => "is not JSON",
                TaskCanceledException => $"did not answer within {Timeout.TotalSeconds:0} seconds",
                HttpRequestException { InnerException: not null } http when http.Message.Contains("buffer", StringComparison.OrdinalIgnoreCase) => $"is larger than {MaxDocumentBytes} bytes",
                _ => "could not be read: " + error.Message,
            });
        }
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose() => _http.Dispose();
}
