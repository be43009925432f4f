using System.Text.Json;
using MSCommerce.Stub.Domain;

namespace MSCommerce.Stub.Identity;

/// <summary>
/// The claims the service reads from access tokens and client assertions, each checked for its exact
/// JSON type (and NumericDates for range) when read, so nothing later can meet a claim of the wrong shape.
/// </summary>
public sealed record JwtClaims(
    string? Issuer,
    string? Subject,
    string? Audience,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset? NotBefore,
    string? TenantId,
    string? ObjectId,
    string? UserPrincipalName,
    string? AppId,
    IReadOnlyList<string> DirectoryRoles,
    IReadOnlyList<string> AppRoles)
{
    private static readonly string[] StringClaims =
        ["iss", "sub", "aud", "tid", "oid", "upn", "appid", "azp", "scp", "ver", "uti", "idtyp", "idp", "jti", "name", "preferred_username", "unique_name"];

    private static readonly string[] NumericDateClaims = ["exp", "nbf", "iat"];

    private static readonly string[] StringArrayClaims = ["wids", "roles", "groups", "amr"];

    public static JwtClaims? Read(JsonElement claims, out string? failure)
    {
        foreach (var name in StringClaims)
        {
            if (claims.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.String)
            {
                failure = $"claim '{name}' is not a string";
                return null;
            }
        }

        var dates = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var name in NumericDateClaims)
        {
            if (!claims.TryGetProperty(name, out var value))
            {
                continue;
            }

            if (JoseValues.NumericDate(value) is not { } date)
            {
                failure = $"claim '{name}' is not a NumericDate (seconds since 1970, within years 1 to 9999)";
                return null;
            }

            dates[name] = date;
        }

        foreach (var name in StringArrayClaims)
        {
            if (claims.TryGetProperty(name, out var value) && !JoseValues.IsArrayOfStrings(value))
            {
                failure = $"claim '{name}' is not an array of strings";
                return null;
            }
        }

        failure = null;
        return new JwtClaims(
            Text(claims, "iss"),
            Text(claims, "sub"),
            Text(claims, "aud"),
            dates.TryGetValue("exp", out var exp) ? exp : null,
            dates.TryGetValue("nbf", out var nbf) ? nbf : null,
            Text(claims, "tid"),
            Text(claims, "oid"),
            Text(claims, "upn"),
            Text(claims, "appid"),
            Strings(claims, "wids"),
            Strings(claims, "roles"));
    }

    private static string? Text(JsonElement claims, string name) => claims.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) ? value.EnumerateArray().Select(item => item.GetString()!).ToList() : [];
}

/// <summary>The JSON shapes JWT members take.</summary>
internal static class JoseValues
{
    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static bool IsArrayOfStrings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String);

    /// <summary>
    /// A JSON number of seconds (fractions allowed, RFC 7519 section 2), or a string of up to 12 digits as
    /// MSAL writes them in client assertions (Entra accepts both), that a DateTimeOffset can hold; null otherwise.
    /// </summary>
    public static DateTimeOffset? NumericDate(JsonElement value)
    {
        double seconds;
        if (value.ValueKind == JsonValueKind.String)
        {
            var digits = value.GetString()!;
            if (digits.Length is 0 or > 12 || !digits.All(char.IsAsciiDigit))
            {
                return null;
            }

            seconds = long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out seconds) || !double.IsFinite(seconds))
        {
            return null;
        }

        var whole = Math.Floor(seconds);
        return whole < MinSeconds || whole > MaxSeconds ? null : DateTimeOffset.FromUnixTimeSeconds((long)whole);
    }
}
