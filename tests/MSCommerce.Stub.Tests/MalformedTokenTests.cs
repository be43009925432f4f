using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>Malformed bearer tokens and client assertions, signed with the right key where that matters: refused as Entra refuses them, never a 500.</summary>
[Collection(ServiceCollection.Name)]
public sealed class MalformedTokenTests(ServiceFixture service)
{
    private const string Product = "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0LH05";

    public static TheoryData<string> MalformedHeaders() => new()
    {
        """{"typ":"JWT","alg":256,"kid":"KID"}""",
        """{"typ":"JWT","alg":["RS256"],"kid":"KID"}""",
        """{"typ":"JWT","alg":{"name":"RS256"},"kid":"KID"}""",
        """{"typ":"JWT","alg":null,"kid":"KID"}""",
        """{"typ":"JWT","alg":"RS256","alg":"RS256","kid":"KID"}""",
        """{"typ":"JWT","alg":"RS256","kid":"KID","kid":"KID"}""",
        """{"typ":"JWT","alg":"RS256é","kid":"KID"}""",
        """{"typ":"JWT","alg":"\ud800","kid":"KID"}""",
        """{"typ":"JWT","alg":"RS256\ud800","kid":"KID"}""",
        """{"typ":"JWT","alg":"RS256","kid":"KID","\udc00":1}""",
        """{"typ":"JWT","alg":"RS256","kid":7}""",
        """{"typ":"JWT","alg":"RS256","kid":"KID","crit":["exp"]}""",
        """["typ","JWT"]""",
    };

    public static TheoryData<string, string> MalformedClaims() => new()
    {
        { "exp", "1e300" },
        { "exp", "-1e300" },
        { "exp", "1e400" },
        { "exp", "\"1999999999.5\"" },
        { "exp", "\"-1\"" },
        { "exp", "\"9999999999999\"" },
        { "exp", "true" },
        { "nbf", "1e300" },
        { "iat", "[1]" },
        { "wids", "[1]" },
        { "wids", "[null]" },
        { "wids", "\"62e90394-69f5-4237-9190-012177145e10\"" },
        { "roles", "[{}]" },
        { "tid", "11111111" },
        { "aud", "[\"aeb86249-8ea3-49e2-900b-54cc8e308f85\"]" },
        { "upn", "\"\\ud800\"" },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void A_validly_signed_bearer_token_with_a_malformed_header_is_401_invalid_token(string header)
    {
        var token = Jws.Signed(service.SigningKey, Jws.Segment(header.Replace("KID", service.SigningKeyId, StringComparison.Ordinal)), Jws.Segment(Jws.AdminClaims(service)));

        AssertInvalidToken(token);
    }

    [Fact]
    public void A_header_that_is_not_UTF_8_is_401_invalid_token()
    {
        byte[] header = [.. Encoding.ASCII.GetBytes("""{"typ":"JWT","alg":"RS"""), 0xED, 0xA0, 0x80, .. Encoding.ASCII.GetBytes("\",\"kid\":\"" + service.SigningKeyId + "\"}")];

        AssertInvalidToken(Jws.Signed(service.SigningKey, Jws.Segment(header), Jws.Segment(Jws.AdminClaims(service))));
    }

    [Theory]
    [MemberData(nameof(MalformedClaims))]
    public void A_validly_signed_bearer_token_with_a_claim_of_the_wrong_type_or_range_is_401_invalid_token(string claim, string rawValue)
    {
        var token = Jws.Signed(service.SigningKey, Jws.Segment(Jws.ServiceHeader(service)), Jws.Segment(Jws.WithClaim(Jws.AdminClaims(service), claim, rawValue)));

        AssertInvalidToken(token);
    }

    [Fact]
    public void A_validly_signed_bearer_token_naming_its_tenant_twice_is_401_invalid_token()
    {
        var claims = "{\"tid\":\"" + DemoData.FabrikamTenantId + "\"," + Jws.AdminClaims(service)[1..];

        AssertInvalidToken(Jws.Signed(service.SigningKey, Jws.Segment(Jws.ServiceHeader(service)), Jws.Segment(claims)));
    }

    [Theory]
    [InlineData("""{"typ":"JWT","alg":"RS256"}""")]
    [InlineData("""{"typ":"JWT","alg":"RS256","kid":"another-key"}""")]
    public void A_token_signed_with_the_services_key_but_a_wrong_or_missing_kid_is_401(string header)
    {
        var reason = AssertInvalidToken(Jws.Signed(service.SigningKey, Jws.Segment(header), Jws.Segment(Jws.AdminClaims(service))));

        Assert.Contains("signing key", reason);
    }

    [Fact]
    public void The_same_claims_under_the_services_own_header_are_accepted()
    {
        var token = Jws.Signed(service.SigningKey, Jws.Segment(Jws.ServiceHeader(service)), Jws.Segment(Jws.AdminClaims(service)));

        using var response = service.Send(HttpMethod.Get, Product, token);

        response.AssertStatus(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void A_client_assertion_with_a_malformed_header_is_400_invalid_client(string header)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(service.Service.DemoAppCertificatePath!, null);
        var assertion = Jws.Signed(certificate.GetRSAPrivateKey()!, Jws.Segment(header.Replace("KID", "demo", StringComparison.Ordinal)), Jws.Segment(Jws.AssertionClaims(service)));

        AssertInvalidClient(assertion);
    }

    [Theory]
    [MemberData(nameof(MalformedClaims))]
    public void A_validly_signed_client_assertion_with_a_claim_of_the_wrong_type_or_range_is_400_invalid_client(string claim, string rawValue)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(service.Service.DemoAppCertificatePath!, null);
        var assertion = Jws.Signed(certificate.GetRSAPrivateKey()!, Jws.Segment("""{"alg":"RS256","typ":"JWT"}"""), Jws.Segment(Jws.WithClaim(Jws.AssertionClaims(service), claim, rawValue)));

        AssertInvalidClient(assertion);
    }

    [Theory]
    [InlineData("token", "multipart/form-data; boundary=x", "grant_type=client_credentials")]
    [InlineData("devicecode", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\nabc")]
    public async Task A_broken_multipart_body_is_400_invalid_request(string endpoint, string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await service.Http.PostAsync($"{DemoData.ContosoDomain}/oauth2/v2.0/{endpoint}", content);

        response.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", (await ServiceFixture.JsonAsync(response)).GetProperty("error").GetString());
    }

    private string AssertInvalidToken(string token)
    {
        using var response = service.Send(HttpMethod.Get, Product, token);

        response.AssertStatus(HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer authorization_uri=", challenge);
        Assert.Contains("error=\"invalid_token\"", challenge);
        var body = ServiceFixture.Json(response);
        Assert.Equal("InvalidToken", body.GetProperty("errorCode").GetString());
        return body.GetProperty("reason").GetString()!;
    }

    private void AssertInvalidClient(string assertion)
    {
        using var response = service.Http.PostAsync($"{DemoData.ContosoDomain}/oauth2/v2.0/token", new FormUrlEncodedContent(Jws.AssertionForm(assertion))).GetAwaiter().GetResult();

        response.AssertStatus(HttpStatusCode.BadRequest);
        var body = ServiceFixture.Json(response);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS50027", body.GetProperty("error_description").GetString());
    }
}
