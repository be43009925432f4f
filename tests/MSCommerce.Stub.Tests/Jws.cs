using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>Builds compact JWS text the way an attacker would: any header, any claims, signed with any key (or not at all).</summary>
internal static class Jws
{
    public const string CertificateClientId = DemoData.CertificateClientId;

    public static string Segment(string json) => AuthorizationTests.Encode(Encoding.UTF8.GetBytes(json));

    public static string Segment(byte[] bytes) => AuthorizationTests.Encode(bytes);

    public static string Signed(RSA key, string headerSegment, string claimsSegment)
    {
        var input = headerSegment + "." + claimsSegment;
        return input + "." + AuthorizationTests.Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>The header the service itself writes, as JSON text.</summary>
    public static string ServiceHeader(ServiceFixture service) => $$"""{"typ":"JWT","alg":"RS256","kid":"{{service.SigningKeyId}}"}""";

    /// <summary>The claims of a token the service issued to the admin (a token that works), as JSON text.</summary>
    public static string AdminClaims(ServiceFixture service) => Encoding.UTF8.GetString(AuthorizationTests.Decode(service.Admin.Token(DemoData.AdminUpn).Split('.')[1]));

    /// <summary>The claims of a client assertion the demo certificate app would send to the token endpoint, as JSON text.</summary>
    public static string AssertionClaims(ServiceFixture service)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return JsonSerializer.Serialize(new { aud = TokenEndpoint(service), iss = CertificateClientId, sub = CertificateClientId, nbf = now, exp = now + 600, jti = Guid.NewGuid() });
    }

    public static string TokenEndpoint(ServiceFixture service) => $"{service.Service.BaseAddress}{DemoData.ContosoDomain}/oauth2/v2.0/token";

    /// <summary>Sets one claim to raw JSON text (a number JsonNode could not hold, a value of the wrong type).</summary>
    public static string WithClaim(string claimsJson, string name, string rawJson)
    {
        var claims = JsonNode.Parse(claimsJson)!.AsObject();
        claims.Remove(name);
        var rest = claims.ToJsonString();
        return "{" + JsonSerializer.Serialize(name) + ":" + rawJson + (rest.Length > 2 ? "," + rest[1..] : "}");
    }

    public static Dictionary<string, string> AssertionForm(string assertion) => new()
    {
        ["grant_type"] = "client_credentials", ["client_id"] = CertificateClientId, ["scope"] = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default",
        ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = assertion,
    };
}
