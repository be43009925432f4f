using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

[Collection(ServiceCollection.Name)]
public sealed class AuthorizationTests(ServiceFixture service)
{
    private const string Product = "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0LH05";

    public static TheoryData<string, bool, bool> Users() => new()
    {
        { DemoData.AdminUpn, true, true },
        { DemoData.BillingAdminUpn, true, true },
        { DemoData.GlobalReaderUpn, true, false },
        { DemoData.AliceUpn, false, false },
        { DemoData.GuestUpn, false, false },
    };

    [Theory]
    [MemberData(nameof(Users))]
    public void Users_read_and_change_as_their_directory_role_allows(string user, bool mayRead, bool mayChange)
    {
        var token = service.Admin.Token(user);

        using var read = service.Send(HttpMethod.Get, Product, token);
        using var change = service.Send(HttpMethod.Put, Product, token, """{"policyValue":"Enabled"}""");

        read.AssertStatus(mayRead ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        change.AssertStatus(mayChange ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(DemoData.AutomationClientId, true, true)]
    [InlineData(DemoData.ReportingClientId, true, false)]
    public void Apps_read_and_change_as_their_app_role_allows(string clientId, bool mayRead, bool mayChange)
    {
        var token = service.Admin.AppToken(clientId);

        using var read = service.Send(HttpMethod.Get, Product, token);
        using var change = service.Send(HttpMethod.Put, Product, token, """{"policyValue":"Enabled"}""");

        read.AssertStatus(mayRead ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        change.AssertStatus(mayChange ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
    }

    [Fact]
    public void A_refusal_names_the_roles_that_would_do()
    {
        using var change = service.Send(HttpMethod.Put, Product, service.Admin.Token(DemoData.GlobalReaderUpn), """{"policyValue":"Enabled"}""");

        var reason = ServiceFixture.Json(change).GetProperty("reason").GetString();
        Assert.Contains("Billing Administrator or Global Administrator", reason);
        Assert.Contains("Policy.ReadWrite.AllowSelfServicePurchase", reason);
    }

    [Fact]
    public void A_partner_acts_in_the_customer_tenant_with_the_delegated_role_and_nothing_beyond()
    {
        var inCustomer = service.Admin.Token(DemoData.PartnerUpn, DemoData.ContosoDomain);
        var (otherDomain, _) = service.Admin.NewTenant();
        var inOther = service.Admin.Token(DemoData.PartnerUpn, otherDomain);

        using var change = service.Send(HttpMethod.Put, Product, inCustomer, """{"policyValue":"Enabled"}""");
        using var readElsewhere = service.Send(HttpMethod.Get, Product, inOther);

        change.AssertStatus(HttpStatusCode.OK);
        readElsewhere.AssertStatus(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void A_missing_token_is_401_with_a_bearer_challenge()
    {
        using var response = service.Send(HttpMethod.Get, Product, null);

        response.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("InvalidToken", ServiceFixture.Json(response).GetProperty("errorCode").GetString());
    }

    [Fact]
    public void An_expired_token_is_401()
    {
        using var response = service.Send(HttpMethod.Get, Product, service.Admin.Token(DemoData.AdminUpn, lifetimeSeconds: -300));

        response.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", ServiceFixture.Json(response).GetProperty("reason").GetString());
    }

    [Fact]
    public void A_token_for_another_audience_is_401()
    {
        using var response = service.Send(HttpMethod.Get, Product, service.Admin.Token(DemoData.AdminUpn, resource: "https://graph.microsoft.com"));

        response.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Contains("audience", ServiceFixture.Json(response).GetProperty("reason").GetString());
    }

    [Fact]
    public void A_token_with_a_changed_payload_fails_its_signature_and_is_401()
    {
        var parts = service.Admin.Token(DemoData.AliceUpn).Split('.');
        var payload = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        payload["wids"] = new JsonArray("62e90394-69f5-4237-9190-012177145e10");
        var forged = $"{parts[0]}.{Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        using var response = service.Send(HttpMethod.Get, Product, forged);

        response.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Contains("signature", ServiceFixture.Json(response).GetProperty("reason").GetString());
    }

    [Fact]
    public void An_unsigned_alg_none_token_is_401()
    {
        var parts = service.Admin.Token(DemoData.AdminUpn).Split('.');
        var unsigned = $"{Encode(Encoding.UTF8.GetBytes("""{"typ":"JWT","alg":"none"}"""))}.{parts[1]}.";

        using var response = service.Send(HttpMethod.Get, Product, unsigned);

        response.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Contains("'none'", ServiceFixture.Json(response).GetProperty("reason").GetString());
    }

    [Fact]
    public void A_token_from_another_issuer_is_401_even_when_signed_with_the_services_key()
    {
        var parts = service.Admin.Token(DemoData.AdminUpn).Split('.');
        var payload = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        payload["iss"] = $"https://login.example.com/{DemoData.ContosoTenantId}/v2.0";
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(service.DatabasePath + ".signing-key.pem"));
        var input = $"{parts[0]}.{Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signed = input + "." + Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        using var response = service.Send(HttpMethod.Get, Product, signed);

        response.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Contains("issuer", ServiceFixture.Json(response).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.!!!.xyz")]
    public void Garbage_tokens_are_401_never_500(string token)
    {
        using var response = service.Send(HttpMethod.Get, Product, token);

        response.AssertStatus(HttpStatusCode.Unauthorized);
    }

    internal static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static byte[] Decode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }
}
