using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MSCommerce.Stub.Identity;

/// <summary>Compact JWS with RS256: just what the service needs to issue and check Entra-shaped tokens.</summary>
public static class Jwt
{
    public static string Sign(JsonObject claims, SigningKey key)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = key.KeyId };
        var signingInput = Segment(header) + "." + Segment(claims);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>Splits and decodes a token without trusting it; null when it is not a JWS at all.</summary>
    public static ParsedJwt? Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(Base64Url.Decode(parts[0])) as JsonObject;
            var payload = JsonNode.Parse(Base64Url.Decode(parts[1])) as JsonObject;
            var signature = parts[2].Length == 0 ? [] : Base64Url.Decode(parts[2]);
            return header is null || payload is null ? null : new ParsedJwt(header, payload, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string Segment(JsonObject json) => Base64Url.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));
}

public sealed record ParsedJwt(JsonObject Header, JsonObject Payload, byte[] SigningInput, byte[] Signature)
{
    public string? Algorithm => Header["alg"]?.GetValue<string>();

    public string? Claim(string name) => Payload[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A NumericDate claim; some issuers write it as a string of digits, which is accepted too.</summary>
    public long? NumericClaim(string name)
    {
        if (Payload[name] is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return (long)value.GetValue<double>();
        }

        return value.TryGetValue<string>(out var text) && long.TryParse(text, out var parsed) ? parsed : null;
    }

    public IReadOnlyList<string> ArrayClaim(string name) =>
        Payload[name] is JsonArray array ? array.Select(item => item?.GetValue<string>() ?? "").ToList() : [];

    public bool VerifyRs256(RSA rsa) =>
        Algorithm == "RS256" && rsa.VerifyData(SigningInput, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
