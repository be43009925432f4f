using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

[Collection(ServiceCollection.Name)]
public sealed class IdentityTests(ServiceFixture service)
{
    private const string Scope = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default";

    private HttpResponseMessage PostForm(string path, Dictionary<string, string> form) =>
        service.Http.PostAsync(path, new FormUrlEncodedContent(form)).GetAwaiter().GetResult();

    [Fact]
    public void Client_credentials_with_the_secret_give_an_app_token_without_id_token_or_client_info()
    {
        using var response = PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/token", new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DemoData.AutomationClientId, ["client_secret"] = DemoData.AutomationClientSecret, ["scope"] = Scope,
        });

        response.AssertStatus(HttpStatusCode.OK);
        var answer = ServiceFixture.Json(response);
        Assert.Equal("Bearer", answer.GetProperty("token_type").GetString());
        Assert.False(answer.TryGetProperty("id_token", out _));
        Assert.False(answer.TryGetProperty("client_info", out _));
        var claims = Claims(answer.GetProperty("access_token").GetString()!);
        Assert.Equal("aeb86249-8ea3-49e2-900b-54cc8e308f85", claims.GetProperty("aud").GetString());
        Assert.Equal(DemoData.ContosoTenantId, claims.GetProperty("tid").GetString());
        Assert.Equal($"{service.Service.BaseAddress}{DemoData.ContosoTenantId}/v2.0", claims.GetProperty("iss").GetString());
        Assert.Equal(["Policy.ReadWrite.AllowSelfServicePurchase"], claims.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
    }

    [Fact]
    public void A_wrong_secret_is_invalid_client_with_the_AADSTS_code()
    {
        using var response = PostForm($"{DemoData.ContosoTenantId}/oauth2/v2.0/token", new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DemoData.AutomationClientId, ["client_secret"] = "wrong", ["scope"] = Scope,
        });

        response.AssertStatus(HttpStatusCode.Unauthorized);
        var answer = ServiceFixture.Json(response);
        Assert.Equal("invalid_client", answer.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS7000215", answer.GetProperty("error_description").GetString());
    }

    [Fact]
    public void An_app_of_another_tenant_is_not_found_in_this_directory()
    {
        using var response = PostForm($"{DemoData.FabrikamDomain}/oauth2/v2.0/token", new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DemoData.AutomationClientId, ["client_secret"] = DemoData.AutomationClientSecret, ["scope"] = Scope,
        });

        Assert.Equal("unauthorized_client", ServiceFixture.Json(response).GetProperty("error").GetString());
    }

    [Fact]
    public void A_certificate_assertion_signed_by_the_registered_certificate_gives_a_token_and_another_key_does_not()
    {
        using var registered = X509CertificateLoader.LoadPkcs12FromFile(service.Service.DemoAppCertificatePath!, null);
        using var otherKey = RSA.Create(2048);
        var endpoint = $"{service.Service.BaseAddress}{DemoData.ContosoDomain}/oauth2/v2.0/token";

        using var accepted = PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/token", AssertionForm(Assertion(registered.GetRSAPrivateKey()!, endpoint)));
        using var refused = PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/token", AssertionForm(Assertion(otherKey, endpoint)));

        accepted.AssertStatus(HttpStatusCode.OK);
        refused.AssertStatus(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Device_code_is_pending_until_approved_then_gives_user_tokens_that_refresh()
    {
        using var start = PostForm("organizations/oauth2/v2.0/devicecode", new() { ["client_id"] = "3d5cffa9-04da-4657-8cab-c7f074657cad", ["scope"] = Scope });
        var code = ServiceFixture.Json(start);
        var poll = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code", ["client_id"] = "3d5cffa9-04da-4657-8cab-c7f074657cad",
            ["device_code"] = code.GetProperty("device_code").GetString()!, ["scope"] = Scope,
        };

        using var pending = PostForm("organizations/oauth2/v2.0/token", poll);
        service.Admin.Post($"_admin/device-codes/{code.GetProperty("user_code").GetString()}/approve", new { userPrincipalName = DemoData.GlobalReaderUpn });
        using var granted = PostForm("organizations/oauth2/v2.0/token", poll);
        var tokens = ServiceFixture.Json(granted);
        using var refreshed = PostForm("organizations/oauth2/v2.0/token", new()
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "3d5cffa9-04da-4657-8cab-c7f074657cad", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!, ["scope"] = Scope,
        });

        Assert.Equal("authorization_pending", ServiceFixture.Json(pending).GetProperty("error").GetString());
        granted.AssertStatus(HttpStatusCode.OK);
        Assert.True(tokens.TryGetProperty("id_token", out _));
        var clientInfo = JsonDocument.Parse(AuthorizationTests.Decode(tokens.GetProperty("client_info").GetString()!)).RootElement;
        Assert.Equal(DemoData.GlobalReaderObjectId, clientInfo.GetProperty("uid").GetString());
        Assert.Equal(DemoData.ContosoTenantId, clientInfo.GetProperty("utid").GetString());
        var claims = Claims(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(DemoData.GlobalReaderUpn, claims.GetProperty("upn").GetString());
        Assert.Equal(["f2ef992c-3afb-46b9-b7cf-a126ee74c451"], claims.GetProperty("wids").EnumerateArray().Select(role => role.GetString()));
        refreshed.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public void A_user_without_a_delegation_cannot_sign_in_to_another_tenant()
    {
        using var start = PostForm($"{DemoData.FabrikamDomain}/oauth2/v2.0/devicecode", new() { ["client_id"] = "3d5cffa9-04da-4657-8cab-c7f074657cad", ["scope"] = Scope });
        var code = ServiceFixture.Json(start);
        service.Admin.Post($"_admin/device-codes/{code.GetProperty("user_code").GetString()}/approve", new { userPrincipalName = DemoData.AliceUpn });

        using var refused = PostForm($"{DemoData.FabrikamDomain}/oauth2/v2.0/token", new()
        {
            ["grant_type"] = "device_code", ["client_id"] = "3d5cffa9-04da-4657-8cab-c7f074657cad", ["device_code"] = code.GetProperty("device_code").GetString()!, ["scope"] = Scope,
        });

        Assert.StartsWith("AADSTS50020", ServiceFixture.Json(refused).GetProperty("error_description").GetString());
    }

    [Fact]
    public void Discovery_and_keys_describe_the_tenant_and_verify_its_tokens()
    {
        using var discovery = service.Send(HttpMethod.Get, $"{DemoData.ContosoDomain}/v2.0/.well-known/openid-configuration", null);
        var configuration = ServiceFixture.Json(discovery);
        using var keys = service.Send(HttpMethod.Get, new Uri(configuration.GetProperty("jwks_uri").GetString()!).PathAndQuery.TrimStart('/'), null);
        var key = ServiceFixture.Json(keys).GetProperty("keys")[0];
        var token = service.Admin.Token(DemoData.AdminUpn).Split('.');
        using var rsa = RSA.Create(new RSAParameters { Modulus = AuthorizationTests.Decode(key.GetProperty("n").GetString()!), Exponent = AuthorizationTests.Decode(key.GetProperty("e").GetString()!) });

        Assert.Equal($"{service.Service.BaseAddress}{DemoData.ContosoTenantId}/v2.0", configuration.GetProperty("issuer").GetString());
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(token[0] + "." + token[1]), AuthorizationTests.Decode(token[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static Dictionary<string, string> AssertionForm(string assertion) => new()
    {
        ["grant_type"] = "client_credentials", ["client_id"] = DemoData.CertificateClientId, ["scope"] = Scope,
        ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = assertion,
    };

    private static string Assertion(RSA key, string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = AuthorizationTests.Encode(Encoding.UTF8.GetBytes("""{"alg":"RS256","typ":"JWT"}"""));
        var payload = AuthorizationTests.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { aud = audience, iss = DemoData.CertificateClientId, sub = DemoData.CertificateClientId, nbf = now, exp = now + 600, jti = Guid.NewGuid() })));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{AuthorizationTests.Encode(signature)}";
    }

    private static JsonElement Claims(string token) => JsonDocument.Parse(AuthorizationTests.Decode(token.Split('.')[1])).RootElement.Clone();
}
