using System.Text.Json;

namespace MSCommerce.Stub.Identity;

/// <summary>The JOSE header members the service reads, each of its exact JSON type (RFC 7515 section 4.1).</summary>
public sealed record JoseHeader(string Algorithm, string? KeyId, string? Type)
{
    /// <summary>The JWS algorithm names of RFC 7518 section 3.1: any other 'alg' is not a JWS at all.</summary>
    private static readonly HashSet<string> JwsAlgorithms = new(StringComparer.Ordinal)
    {
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "none",
    };

    private static readonly string[] StringMembers = ["alg", "kid", "typ", "cty", "x5t", "x5t#S256", "x5u", "jku"];

    public static JoseHeader? Read(JsonElement header, out string? failure)
    {
        foreach (var name in StringMembers)
        {
            if (header.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.String)
            {
                failure = $"member '{name}' is not a string";
                return null;
            }
        }

        // RFC 7515 says an array of strings; MSAL sends the one certificate as a string, which Entra accepts.
        if (header.TryGetProperty("x5c", out var chain) && chain.ValueKind != JsonValueKind.String && !JoseValues.IsArrayOfStrings(chain))
        {
            failure = "member 'x5c' is neither a string nor an array of strings";
            return null;
        }

        // No extension is understood here, so a header that marks one critical is refused (RFC 7515 section 4.1.11).
        if (header.TryGetProperty("crit", out _))
        {
            failure = "names critical extensions ('crit') the service does not understand";
            return null;
        }

        if (!header.TryGetProperty("alg", out var algorithm))
        {
            failure = "has no 'alg'";
            return null;
        }

        if (!JwsAlgorithms.Contains(algorithm.GetString()!))
        {
            failure = "names no JWS algorithm in 'alg'";
            return null;
        }

        failure = null;
        return new JoseHeader(algorithm.GetString()!, Text(header, "kid"), Text(header, "typ"));
    }

    private static string? Text(JsonElement header, string name) => header.TryGetProperty(name, out var value) ? value.GetString() : null;
}
