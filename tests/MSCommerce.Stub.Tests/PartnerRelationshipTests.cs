using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MSCommerce.Stub;
using MSCommerce.Stub.Seeding;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Partners at scale: Graph's GDAP resources over the service's delegations, the test controls that change
/// them, a refresh token redeemed at every tenant its owner may reach (and refused elsewhere), a multi-tenant
/// app consented in customers, and faults aimed at one tenant. A service of its own: the tests end relationships.
/// </summary>
public sealed class PartnerRelationshipTests : IAsyncLifetime
{
    private const int Customers = 5;
    private const string Scope = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default";
    private const string GraphResource = "https://graph.microsoft.com";
    private const string PublicClientId = "3d5cffa9-04da-4657-8cab-c7f074657cad";
    private const string BillingAdministrator = "b0f54661-2d74-4c50-afa3-1ec803f12efe";
    private const string GlobalReader = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    private const string PolicyPath = "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0H9MP";

    private ServiceFixture _service = null!;

    public async Task InitializeAsync() => _service = await ServiceFixture.StartOwnAsync(options => options.SeedCustomers = Customers);

    public Task DisposeAsync() => _service.DisposeAsync();

    private static string Customer(int number) => DemoSeeder.CustomerDomain(number);

    private static string CustomerId(int number) => $"77777777-0000-0000-0000-{number:D12}";

    [Fact]
    public async Task The_partner_sees_one_active_relationship_per_customer_with_Billing_Administrator_for_two_years()
    {
        var relationships = await ListAsync("delegatedAdminRelationships");

        var customers = relationships.Select(item => item.GetProperty("customer").GetProperty("tenantId").GetString()).ToList();
        Assert.Equal([DemoData.ContosoTenantId, .. Enumerable.Range(1, Customers).Select(CustomerId)], customers);
        foreach (var relationship in relationships)
        {
            Assert.Equal("active", relationship.GetProperty("status").GetString());
            Assert.Equal([BillingAdministrator], Roles(relationship));
            var created = relationship.GetProperty("createdDateTime").GetDateTimeOffset();
            Assert.Equal(TimeSpan.FromDays(730), relationship.GetProperty("endDateTime").GetDateTimeOffset() - created);
        }

        Assert.Equal("Customer 1", relationships.Single(item => item.GetProperty("customer").GetProperty("tenantId").GetString() == CustomerId(1)).GetProperty("customer").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Customers_come_in_pages_that_follow_nextLink_to_every_customer_once()
    {
        var customers = await ListAsync("delegatedAdminCustomers", top: 2);

        Assert.Equal(Customers + 1, customers.Count);
        Assert.Equal(customers.Count, customers.Select(item => item.GetProperty("tenantId").GetString()).Distinct().Count());
        Assert.All(customers, item => Assert.Equal(item.GetProperty("id").GetString(), item.GetProperty("tenantId").GetString()));
        Assert.Contains(customers, item => item.GetProperty("displayName").GetString() == "Contoso");
    }

    [Fact]
    public async Task The_GDAP_resources_need_a_Graph_token_and_a_reader_of_the_partner_tenant_and_refuse_a_broken_skiptoken()
    {
        var licensingToken = await _service.Admin.TokenAsync(DemoData.PartnerUpn, DemoData.FabrikamDomain);
        var plainUser = await _service.Admin.TokenAsync(DemoData.AliceUpn, DemoData.ContosoDomain, GraphResource);
        var contosoReader = await _service.Admin.TokenAsync(DemoData.GlobalReaderUpn, DemoData.ContosoDomain, GraphResource);
        var partner = await PartnerGraphTokenAsync();

        await _service.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "v1.0/tenantRelationships/delegatedAdminCustomers", licensingToken);
        var refused = await _service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "v1.0/tenantRelationships/delegatedAdminRelationships", plainUser);
        Assert.Contains("Global Administrator or Global Reader in the partner tenant", refused.GetProperty("reason").GetString());
        var none = await _service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1.0/tenantRelationships/delegatedAdminCustomers", contosoReader);
        Assert.Empty(none.GetProperty("value").EnumerateArray());
        await _service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "v1.0/tenantRelationships/delegatedAdminCustomers?$skiptoken=%%%", partner);
        await _service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "v1.0/tenantRelationships/delegatedAdminCustomers?$top=301", partner);
    }

    [Fact]
    public async Task Roles_replaced_with_none_leave_the_partner_signed_in_without_roles_so_reading_the_policy_is_403()
    {
        var answer = await PutRolesAsync(Customer(1), []);
        Assert.Empty(answer.GetProperty("roles").EnumerateArray());

        var relationship = (await ListAsync("delegatedAdminRelationships")).Single(item => item.GetProperty("customer").GetProperty("tenantId").GetString() == CustomerId(1));
        Assert.Empty(Roles(relationship));
        Assert.Equal("active", relationship.GetProperty("status").GetString());
        var token = await RedeemAsync(await PartnerRefreshTokenAsync(), Customer(1));
        Assert.Empty(Claims(token.GetProperty("access_token").GetString()!).GetProperty("wids").EnumerateArray());
        var refused = await _service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, PolicyPath, token.GetProperty("access_token").GetString());
        Assert.Contains("Billing Administrator", refused.GetProperty("reason").GetString());

        await PutRolesAsync(Customer(1), ["GlobalReader"]);
        var reader = (await RedeemAsync(await PartnerRefreshTokenAsync(), Customer(1))).GetProperty("access_token").GetString();
        await _service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, PolicyPath, reader);
        await _service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, PolicyPath, reader, """{"policyValue":"Disabled"}""");
        Assert.Equal([GlobalReader], Roles((await ListAsync("delegatedAdminRelationships")).Single(item => item.GetProperty("customer").GetProperty("tenantId").GetString() == CustomerId(1))));
    }

    [Fact]
    public async Task Putting_roles_checks_the_names_the_tenants_and_the_user()
    {
        using var unknownRole = await PutAsync($"_admin/tenants/{Customer(2)}/delegations/{DemoData.FabrikamDomain}", new { userPrincipalName = DemoData.PartnerUpn, roles = new[] { "Owner" } });
        using var unknownUser = await PutAsync($"_admin/tenants/{Customer(2)}/delegations/{DemoData.FabrikamDomain}", new { userPrincipalName = "nobody@fabrikam.onmicrosoft.com", roles = Array.Empty<string>() });
        using var unknownTenant = await PutAsync($"_admin/tenants/nowhere.onmicrosoft.com/delegations/{DemoData.FabrikamDomain}", new { userPrincipalName = DemoData.PartnerUpn, roles = Array.Empty<string>() });

        unknownRole.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains("'Owner'", await unknownRole.Content.ReadAsStringAsync());
        unknownUser.AssertStatus(HttpStatusCode.NotFound);
        unknownTenant.AssertStatus(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_ended_relationship_is_expired_and_the_partner_is_refused_there_with_AADSTS50020_while_the_refresh_token_stays_good()
    {
        using (var end = await _service.Http.DeleteAsync($"_admin/tenants/{Customer(3)}/delegations/{DemoData.FabrikamDomain}"))
        {
            end.AssertStatus(HttpStatusCode.NoContent);
        }

        var relationship = (await ListAsync("delegatedAdminRelationships")).Single(item => item.GetProperty("customer").GetProperty("tenantId").GetString() == CustomerId(3));
        Assert.Equal("expired", relationship.GetProperty("status").GetString());
        Assert.True(relationship.GetProperty("endDateTime").GetDateTimeOffset() <= DateTimeOffset.UtcNow);

        var refreshToken = await PartnerRefreshTokenAsync();
        using var refused = await PostFormAsync($"{Customer(3)}/oauth2/v2.0/token", RefreshForm(refreshToken, Scope));
        AssertRefused(refused, "AADSTS50020");
        Assert.Contains(Customer(3), await refused.Content.ReadAsStringAsync());
        await RedeemAsync(refreshToken, Customer(4));

        using var missing = await _service.Http.DeleteAsync($"_admin/tenants/{DemoData.FabrikamDomain}/delegations/{DemoData.ContosoDomain}");
        missing.AssertStatus(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_refresh_token_reaches_each_customer_with_the_roles_delegated_there_and_is_refused_where_the_partner_has_no_access()
    {
        var refreshToken = await PartnerRefreshTokenAsync();

        using var school = await PostFormAsync("66666666-0000-0000-0000-000000000001/oauth2/v2.0/token", RefreshForm(refreshToken, Scope));
        AssertRefused(school, "AADSTS50020");

        foreach (var number in new[] { 4, 5 })
        {
            var tokens = await RedeemAsync(refreshToken, Customer(number));
            var claims = Claims(tokens.GetProperty("access_token").GetString()!);
            Assert.Equal(CustomerId(number), claims.GetProperty("tid").GetString());
            Assert.Equal(DemoData.PartnerUpn, claims.GetProperty("upn").GetString());
            Assert.Equal([BillingAdministrator], claims.GetProperty("wids").EnumerateArray().Select(role => role.GetString()));
            Assert.Equal(CustomerId(number), Claims(tokens.GetProperty("id_token").GetString()!).GetProperty("tid").GetString());
            refreshToken = tokens.GetProperty("refresh_token").GetString()!;
        }

        var home = await RedeemAsync(refreshToken, DemoData.FabrikamDomain);
        Assert.Equal(DemoData.FabrikamTenantId, Claims(home.GetProperty("access_token").GetString()!).GetProperty("tid").GetString());
    }

    [Fact]
    public async Task A_guest_account_lets_its_owner_redeem_a_refresh_token_in_the_inviting_tenant_with_the_guest_roles()
    {
        await _service.Admin.PostAsync($"_admin/tenants/{DemoData.FabrikamDomain}/users", new { userPrincipalName = "ops@fabrikam.onmicrosoft.com" });
        await _service.Admin.PostAsync($"_admin/tenants/{DemoData.ContosoDomain}/users", new { userPrincipalName = "ops_fabrikam.onmicrosoft.com#EXT#@contoso.onmicrosoft.com", isGuest = true, roles = new[] { "GlobalReader" } });
        var refreshToken = (await DeviceCodeSignInAsync("ops@fabrikam.onmicrosoft.com", DemoData.FabrikamDomain)).GetProperty("refresh_token").GetString()!;

        using var customer = await PostFormAsync($"{Customer(1)}/oauth2/v2.0/token", RefreshForm(refreshToken, Scope));
        AssertRefused(customer, "AADSTS50020");
        var contoso = await RedeemAsync(refreshToken, DemoData.ContosoDomain);

        Assert.Equal([GlobalReader], Claims(contoso.GetProperty("access_token").GetString()!).GetProperty("wids").EnumerateArray().Select(role => role.GetString()));
    }

    [Fact]
    public async Task The_partner_app_signs_in_at_each_consenting_customer_and_nowhere_else()
    {
        using var customer = await AppSignInAsync(Customer(2));
        using var school = await AppSignInAsync("school.onmicrosoft.com");

        customer.AssertStatus(HttpStatusCode.OK);
        var claims = Claims(ServiceFixture.Json(customer).GetProperty("access_token").GetString()!);
        Assert.Equal(CustomerId(2), claims.GetProperty("tid").GetString());
        Assert.Equal(["Policy.ReadWrite.AllowSelfServicePurchase"], claims.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, school.StatusCode);
        Assert.StartsWith("AADSTS700016", ServiceFixture.Json(school).GetProperty("error_description").GetString());

        using (var revoke = await _service.Http.DeleteAsync($"_admin/tenants/{Customer(2)}/consents/{DemoData.PartnerAppClientId}"))
        {
            revoke.AssertStatus(HttpStatusCode.NoContent);
        }

        using var revoked = await AppSignInAsync(Customer(2));
        Assert.Equal(HttpStatusCode.BadRequest, revoked.StatusCode);
    }

    [Fact]
    public async Task A_fault_for_one_tenant_fails_only_that_tenants_calls_for_its_count()
    {
        var troubled = await _service.Admin.TokenAsync(DemoData.PartnerUpn, Customer(5));
        var other = await _service.Admin.TokenAsync(DemoData.PartnerUpn, Customer(4));
        await _service.Admin.PostAsync("_admin/faults", new { status = 503, count = 2, tenant = Customer(5) });

        await _service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, PolicyPath, other);
        await _service.ExpectAsync(HttpStatusCode.ServiceUnavailable, HttpMethod.Get, PolicyPath, troubled);
        await _service.ExpectAsync(HttpStatusCode.ServiceUnavailable, HttpMethod.Get, PolicyPath, troubled);
        await _service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, PolicyPath, troubled);

        using var unknown = await _service.Http.PostAsJsonAsync("_admin/faults", new { status = 503, tenant = "nowhere.onmicrosoft.com" });
        unknown.AssertStatus(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_tenant_list_names_every_tenant_the_seeded_customers_included()
    {
        using var response = await _service.Http.GetAsync("_admin/tenants");
        var tenants = (await ServiceFixture.JsonAsync(response)).EnumerateArray().ToList();

        foreach (var number in Enumerable.Range(1, Customers))
        {
            var tenant = Assert.Single(tenants, item => item.GetProperty("domain").GetString() == Customer(number));
            Assert.Equal(CustomerId(number), tenant.GetProperty("tenantId").GetString());
            Assert.Equal($"Customer {number}", tenant.GetProperty("displayName").GetString());
        }

        Assert.Contains(tenants, item => item.GetProperty("tenantId").GetString() == DemoData.FabrikamTenantId);
    }

    private async Task<List<JsonElement>> ListAsync(string resource, int? top = null)
    {
        var token = await PartnerGraphTokenAsync();
        var items = new List<JsonElement>();
        string? next = $"v1.0/tenantRelationships/{resource}" + (top is int count ? $"?$top={count}" : "");
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 50, "nextLink keeps going");
            var page = await _service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, next, token);
            items.AddRange(page.GetProperty("value").EnumerateArray());
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return items;
    }

    private Task<string> PartnerGraphTokenAsync() => _service.Admin.TokenAsync(DemoData.PartnerUpn, DemoData.FabrikamDomain, GraphResource);

    private async Task<JsonElement> PutRolesAsync(string customer, string[] roles)
    {
        using var response = await PutAsync($"_admin/tenants/{customer}/delegations/{DemoData.FabrikamDomain}", new { userPrincipalName = DemoData.PartnerUpn, roles });
        response.AssertStatus(HttpStatusCode.OK);
        return await ServiceFixture.JsonAsync(response);
    }

    private Task<HttpResponseMessage> PutAsync(string path, object body) => _service.Http.PutAsJsonAsync(path, body);

    private async Task<string> PartnerRefreshTokenAsync() =>
        (await DeviceCodeSignInAsync(DemoData.PartnerUpn, DemoData.FabrikamDomain)).GetProperty("refresh_token").GetString()!;

    private async Task<JsonElement> DeviceCodeSignInAsync(string userPrincipalName, string tenant)
    {
        using var start = await PostFormAsync($"{tenant}/oauth2/v2.0/devicecode", new() { ["client_id"] = PublicClientId, ["scope"] = Scope });
        var code = await ServiceFixture.JsonAsync(start);
        await _service.Admin.PostAsync($"_admin/device-codes/{code.GetProperty("user_code").GetString()}/approve", new { userPrincipalName });
        using var tokens = await PostFormAsync($"{tenant}/oauth2/v2.0/token", new()
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code", ["client_id"] = PublicClientId, ["device_code"] = code.GetProperty("device_code").GetString()!, ["scope"] = Scope,
        });
        tokens.AssertStatus(HttpStatusCode.OK);
        return await ServiceFixture.JsonAsync(tokens);
    }

    private async Task<JsonElement> RedeemAsync(string refreshToken, string tenant)
    {
        using var response = await PostFormAsync($"{tenant}/oauth2/v2.0/token", RefreshForm(refreshToken, Scope));
        response.AssertStatus(HttpStatusCode.OK);
        return await ServiceFixture.JsonAsync(response);
    }

    private Task<HttpResponseMessage> AppSignInAsync(string tenant) => PostFormAsync($"{tenant}/oauth2/v2.0/token", new()
    {
        ["grant_type"] = "client_credentials", ["client_id"] = DemoData.PartnerAppClientId, ["client_secret"] = DemoData.PartnerAppClientSecret, ["scope"] = Scope,
    });

    private Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form) => _service.Http.PostAsync(path, new FormUrlEncodedContent(form));

    private static Dictionary<string, string> RefreshForm(string refreshToken, string scope) => new()
    {
        ["grant_type"] = "refresh_token", ["client_id"] = PublicClientId, ["refresh_token"] = refreshToken, ["scope"] = scope,
    };

    private static void AssertRefused(HttpResponseMessage response, string aadsts)
    {
        response.AssertStatus(HttpStatusCode.BadRequest);
        var answer = ServiceFixture.Json(response);
        Assert.Equal("invalid_grant", answer.GetProperty("error").GetString());
        Assert.StartsWith(aadsts, answer.GetProperty("error_description").GetString());
    }

    private static IEnumerable<string?> Roles(JsonElement relationship) =>
        relationship.GetProperty("accessDetails").GetProperty("unifiedRoles").EnumerateArray().Select(role => role.GetProperty("roleDefinitionId").GetString());

    private static JsonElement Claims(string token) => JsonDocument.Parse(AuthorizationTests.Decode(token.Split('.')[1])).RootElement.Clone();
}
