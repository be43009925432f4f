using System.Net;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>Token issuing no looser than Entra's: scopes name a resource exactly, codes and refresh tokens stay with their client and tenant.</summary>
[Collection(ServiceCollection.Name)]
public sealed class SignInTighteningTests(ServiceFixture service)
{
    private const string Scope = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default";
    private const string PublicClientId = "3d5cffa9-04da-4657-8cab-c7f074657cad";
    private const string OtherPublicClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    private HttpResponseMessage PostForm(string path, Dictionary<string, string> form) =>
        service.Http.PostAsync(path, new FormUrlEncodedContent(form)).GetAwaiter().GetResult();

    [Theory]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85xyz/.default")]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85")]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85/")]
    [InlineData("https://graph.microsoft.com.example.com/.default")]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85/.default https://graph.microsoft.com/.default")]
    public void A_scope_that_does_not_name_a_resource_exactly_is_invalid_scope(string scope)
    {
        using var response = PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/token", new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DemoData.AutomationClientId, ["client_secret"] = DemoData.AutomationClientSecret, ["scope"] = scope,
        });

        response.AssertStatus(HttpStatusCode.BadRequest);
        var answer = ServiceFixture.Json(response);
        Assert.Equal("invalid_scope", answer.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS70011", answer.GetProperty("error_description").GetString());
    }

    [Fact]
    public void A_device_code_is_refused_to_another_client_and_at_another_tenant_and_stays_redeemable_by_its_own()
    {
        var deviceCode = ApprovedDeviceCode(DemoData.ContosoDomain);

        using var otherClient = PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/token", DeviceCodePoll(OtherPublicClientId, deviceCode));
        using var otherTenant = PostForm($"{DemoData.FabrikamDomain}/oauth2/v2.0/token", DeviceCodePoll(PublicClientId, deviceCode));
        using var multiTenantAlias = PostForm("organizations/oauth2/v2.0/token", DeviceCodePoll(PublicClientId, deviceCode));
        using var own = PostForm($"{DemoData.ContosoTenantId}/oauth2/v2.0/token", DeviceCodePoll(PublicClientId, deviceCode));

        AssertInvalidGrant(otherClient, "AADSTS70000");
        AssertInvalidGrant(otherTenant, "AADSTS70000");
        AssertInvalidGrant(multiTenantAlias, "AADSTS70000");
        own.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public void A_refresh_token_is_refused_at_a_tenant_its_owner_cannot_reach_and_stays_redeemable_at_its_own()
    {
        var refreshToken = ServiceFixture.Json(PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/token", DeviceCodePoll(PublicClientId, ApprovedDeviceCode(DemoData.ContosoDomain))))
            .GetProperty("refresh_token").GetString()!;

        using var otherTenant = PostForm($"{DemoData.FabrikamDomain}/oauth2/v2.0/token", RefreshForm(refreshToken));
        using var own = PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/token", RefreshForm(refreshToken));

        AssertInvalidGrant(otherTenant, "AADSTS50020");
        own.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public void Discovery_of_an_unknown_tenant_is_400_AADSTS90002_and_of_a_multi_tenant_alias_has_the_issuer_template()
    {
        using var unknown = service.Send(HttpMethod.Get, "nowhere.onmicrosoft.com/v2.0/.well-known/openid-configuration", null);
        using var organizations = service.Send(HttpMethod.Get, "organizations/v2.0/.well-known/openid-configuration", null);

        unknown.AssertStatus(HttpStatusCode.BadRequest);
        var error = ServiceFixture.Json(unknown);
        Assert.Equal("invalid_tenant", error.GetProperty("error").GetString());
        Assert.StartsWith("AADSTS90002: Tenant 'nowhere.onmicrosoft.com' not found.", error.GetProperty("error_description").GetString());
        Assert.Equal([90002], error.GetProperty("error_codes").EnumerateArray().Select(code => code.GetInt32()));
        organizations.AssertStatus(HttpStatusCode.OK);
        Assert.Equal($"{service.Service.BaseAddress}{{tenantid}}/v2.0", ServiceFixture.Json(organizations).GetProperty("issuer").GetString());
    }

    [Fact]
    public void A_device_code_sign_in_and_the_keys_at_an_unknown_tenant_are_400_invalid_tenant_and_at_a_known_one_or_an_alias_answer()
    {
        using var unknownDeviceCode = PostForm("nowhere.onmicrosoft.com/oauth2/v2.0/devicecode", new() { ["client_id"] = PublicClientId, ["scope"] = Scope });
        using var unknownKeys = service.Send(HttpMethod.Get, "00000000-0000-0000-0000-00000000dead/discovery/v2.0/keys", null);
        using var knownDeviceCode = PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/devicecode", new() { ["client_id"] = PublicClientId, ["scope"] = Scope });
        using var aliasDeviceCode = PostForm("organizations/oauth2/v2.0/devicecode", new() { ["client_id"] = PublicClientId, ["scope"] = Scope });
        using var knownKeys = service.Send(HttpMethod.Get, $"{DemoData.ContosoTenantId}/discovery/v2.0/keys", null);
        using var aliasKeys = service.Send(HttpMethod.Get, "common/discovery/v2.0/keys", null);

        AssertUnknownTenant(unknownDeviceCode, "nowhere.onmicrosoft.com");
        AssertUnknownTenant(unknownKeys, "00000000-0000-0000-0000-00000000dead");
        knownDeviceCode.AssertStatus(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(ServiceFixture.Json(knownDeviceCode).GetProperty("user_code").GetString()));
        aliasDeviceCode.AssertStatus(HttpStatusCode.OK);
        knownKeys.AssertStatus(HttpStatusCode.OK);
        aliasKeys.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(ServiceFixture.Json(knownKeys).GetProperty("keys")[0].GetProperty("kid").GetString(), ServiceFixture.Json(aliasKeys).GetProperty("keys")[0].GetProperty("kid").GetString());
    }

    private static void AssertUnknownTenant(HttpResponseMessage response, string tenant)
    {
        response.AssertStatus(HttpStatusCode.BadRequest);
        var error = ServiceFixture.Json(response);
        Assert.Equal("invalid_tenant", error.GetProperty("error").GetString());
        Assert.StartsWith($"AADSTS90002: Tenant '{tenant}' not found.", error.GetProperty("error_description").GetString());
        Assert.Equal([90002], error.GetProperty("error_codes").EnumerateArray().Select(code => code.GetInt32()));
    }

    private string ApprovedDeviceCode(string tenant)
    {
        using var start = PostForm($"{tenant}/oauth2/v2.0/devicecode", new() { ["client_id"] = PublicClientId, ["scope"] = Scope });
        var code = ServiceFixture.Json(start);
        service.Admin.Post($"_admin/device-codes/{code.GetProperty("user_code").GetString()}/approve", new { userPrincipalName = DemoData.GlobalReaderUpn });
        return code.GetProperty("device_code").GetString()!;
    }

    private static Dictionary<string, string> DeviceCodePoll(string clientId, string deviceCode) => new()
    {
        ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code", ["client_id"] = clientId, ["device_code"] = deviceCode, ["scope"] = Scope,
    };

    private static Dictionary<string, string> RefreshForm(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token", ["client_id"] = PublicClientId, ["refresh_token"] = refreshToken, ["scope"] = Scope,
    };

    private static void AssertInvalidGrant(HttpResponseMessage response, string aadsts)
    {
        response.AssertStatus(HttpStatusCode.BadRequest);
        var answer = ServiceFixture.Json(response);
        Assert.Equal("invalid_grant", answer.GetProperty("error").GetString());
        Assert.StartsWith(aadsts, answer.GetProperty("error_description").GetString());
    }
}
