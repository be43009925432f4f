using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MSCommerce.Stub.Identity;

/// <summary>Compact JWS with RS256: just what the service needs to issue and check Entra-shaped tokens.</summary>
public static class Jwt
{
    /// <summary>Far above any token Entra issues or MSAL signs; longer ones are refused before decoding.</summary>
    public const int MaxLength = 16 * 1024;

    public static string Sign(JsonObject claims, SigningKey key)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = key.KeyId };
        var signingInput = Segment(header) + "." + Segment(claims);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>
    /// Splits, decodes and type-checks a compact JWS without trusting it: the one reader of bearer
    /// tokens and client assertions. Anything malformed is a failure with the reason, never an exception.
    /// </summary>
    public static JwtReading Read(string token)
    {
        if (token.Length > MaxLength)
        {
            return JwtReading.Fail($"it is longer than {MaxLength} characters");
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return JwtReading.Fail("it is not a compact JWS (three base64url segments separated by dots)");
        }

        var headerBytes = Base64Url.TryDecodeStrict(parts[0]);
        var payloadBytes = Base64Url.TryDecodeStrict(parts[1]);
        var signature = Base64Url.TryDecodeStrict(parts[2]);
        if (headerBytes is null || payloadBytes is null || signature is null)
        {
            return JwtReading.Fail("it has a segment that is not unpadded base64url");
        }

        if (JoseJson.ReadObject(headerBytes, out var failure) is not { } headerJson)
        {
            return JwtReading.Fail("its header " + failure);
        }

        if (JoseJson.ReadObject(payloadBytes, out failure) is not { } payloadJson)
        {
            return JwtReading.Fail("its claims " + failure);
        }

        var header = JoseHeader.Read(headerJson, out failure);
        if (header is null)
        {
            return JwtReading.Fail("its header " + failure);
        }

        var claims = JwtClaims.Read(payloadJson, out failure);
        if (claims is null)
        {
            return JwtReading.Fail("its claims " + failure);
        }

        return new JwtReading(new ParsedJwt(header, claims, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature), null);
    }

    private static string Segment(JsonObject json) => Base64Url.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));
}

/// <summary>A token read by <see cref="Jwt.Read"/>: the parsed token, or why it is malformed ("header is not valid JSON").</summary>
public sealed record JwtReading(ParsedJwt? Token, string? Failure)
{
    public static JwtReading Fail(string failure) => new(null, failure);
}

public sealed record ParsedJwt(JoseHeader Header, JwtClaims Claims, byte[] SigningInput, byte[] Signature)
{
    public bool VerifyRs256(RSA rsa) =>
        Header.Algorithm == "RS256" && rsa.VerifyData(SigningInput, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
