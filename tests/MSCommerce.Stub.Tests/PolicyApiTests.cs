using System.Net;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

[Collection(ServiceCollection.Name)]
public sealed class PolicyApiTests(ServiceFixture service)
{
    private const string Products = "v1.0/policies/AllowSelfServicePurchase/products";
    private string AdminToken => service.Admin.Token(DemoData.AdminUpn);

    [Fact]
    public void Policies_list_AllowSelfServicePurchase_with_description_and_default()
    {
        using var response = service.Send(HttpMethod.Get, "v1.0/policies", AdminToken);

        response.AssertStatus(HttpStatusCode.OK);
        var policy = Assert.Single(ServiceFixture.Json(response).GetProperty("items").EnumerateArray());
        Assert.Equal("AllowSelfServicePurchase", policy.GetProperty("id").GetString());
        Assert.Equal("Enabled", policy.GetProperty("defaultValue").GetString());
        Assert.False(string.IsNullOrWhiteSpace(policy.GetProperty("description").GetString()));
    }

    [Theory]
    [InlineData("v1.0")]
    [InlineData("v1")]
    public void Product_policies_are_served_under_both_versions_sorted_by_product_id(string version)
    {
        using var response = service.Send(HttpMethod.Get, $"{version}/policies/AllowSelfServicePurchase/products?scope=product", AdminToken);

        response.AssertStatus(HttpStatusCode.OK);
        var ids = ServiceFixture.Json(response).GetProperty("items").EnumerateArray().Select(item => item.GetProperty("productId").GetString()!).ToList();
        Assert.Superset(MSCommerce.Stub.Data.Catalog.Products.Select(product => product.ProductId).ToHashSet(), ids.ToHashSet());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Offer_types_come_with_scope_id_and_name()
    {
        using var response = service.Send(HttpMethod.Get, Products + "?scope=OfferType", AdminToken);

        var saas = ServiceFixture.Json(response).GetProperty("items").EnumerateArray().Single(item => item.GetProperty("scopeId").GetString() == "SaaS");
        Assert.Equal("Software as a Service", saas.GetProperty("scopeValue").GetString());
        Assert.Equal("OfferType", saas.GetProperty("scope").GetString());
    }

    [Fact]
    public void An_unknown_scope_is_400_Invalid_scope()
    {
        using var response = service.Send(HttpMethod.Get, Products + "?scope=tenant", AdminToken);

        response.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal("Invalid scope.", ServiceFixture.Json(response).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("v1.0/policies/NoSuchPolicy", "PolicyNotFound")]
    [InlineData("v1.0/policies/NoSuchPolicy/products", "PolicyNotFound")]
    [InlineData("v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0NONE", "ProductNotFound")]
    [InlineData("v1.0/policies/AllowSelfServicePurchase/offerTypes/NOPE", "OfferTypeNotFound")]
    public void Unknown_things_are_404_with_an_error_code(string path, string errorCode)
    {
        using var response = service.Send(HttpMethod.Get, path, AdminToken);

        response.AssertStatus(HttpStatusCode.NotFound);
        Assert.Equal(errorCode, ServiceFixture.Json(response).GetProperty("errorCode").GetString());
    }

    [Fact]
    public void Every_answer_echoes_the_callers_correlation_id_or_makes_one()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/policies");
        request.Headers.Add("x-ms-correlation-id", "0f8fad5b-d9cb-469f-a165-70867728950e");
        using var echoed = service.Http.Send(request);
        using var made = service.Send(HttpMethod.Get, "v1.0/policies", null);

        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", echoed.Headers.GetValues("x-ms-correlation-id").Single());
        Assert.True(Guid.TryParse(made.Headers.GetValues("x-ms-correlation-id").Single(), out _));
    }

    [Theory]
    [InlineData("CFQ7TTC0H9MP", "Disabled")]
    [InlineData("CFQ7TTC0HD33", "OnlyTrialsWithoutPaymentMethod")]
    [InlineData("CFQ7TTC0H9MP", "Enabled")]
    public void Put_sets_a_products_value_and_answers_the_updated_item(string productId, string value)
    {
        var (_, token) = service.Admin.NewTenant();

        using var response = service.Send(HttpMethod.Put, $"{Products}/{productId}", token, $$"""{"policyValue":"{{value}}"}""");
        using var read = service.Send(HttpMethod.Get, $"{Products}/{productId}", token);

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(value, ServiceFixture.Json(response).GetProperty("policyValue").GetString());
        Assert.Equal(value, ServiceFixture.Json(read).GetProperty("policyValue").GetString());
    }

    [Theory]
    [InlineData("""{"policyValue":"disabled"}""", "InvalidPolicyValue")]
    [InlineData("""{"policyValue":"OnlyTrialsWithoutPaymentMethod"}""", "InvalidPolicyValue")]
    [InlineData("""{"policyValue":""}""", "InvalidPolicyValue")]
    [InlineData("""{"policyValue":true}""", "InvalidRequestBody")]
    [InlineData("""{"policyValue":null}""", "InvalidRequestBody")]
    [InlineData("""{"value":"Disabled"}""", "InvalidRequestBody")]
    [InlineData("""{"policyValue":"Enabled","policyValue":"Disabled"}""", "InvalidRequestBody")]
    [InlineData("""{"policyValue":"Disabled","policyValue":"Disabled"}""", "InvalidRequestBody")]
    [InlineData("""{"policyValue":"Disabled","comment":"why"}""", "InvalidRequestBody")]
    [InlineData("""{"policyValue":"Disabled","PolicyValue":"Disabled"}""", "InvalidRequestBody")]
    [InlineData("""["Disabled"]""", "InvalidRequestBody")]
    [InlineData("""{"policyValue":"Disabled""", "InvalidRequestBody")]
    [InlineData("Disabled", "InvalidRequestBody")]
    [InlineData("", "InvalidRequestBody")]
    public void Put_with_a_bad_body_is_400_and_changes_nothing(string body, string errorCode)
    {
        var (_, token) = service.Admin.NewTenant();

        using var response = service.Send(HttpMethod.Put, $"{Products}/CFQ7TTC0H9MP", token, body);
        using var read = service.Send(HttpMethod.Get, $"{Products}/CFQ7TTC0H9MP", token);

        response.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal(errorCode, ServiceFixture.Json(response).GetProperty("errorCode").GetString());
        Assert.Equal("Enabled", ServiceFixture.Json(read).GetProperty("policyValue").GetString());
    }

    [Theory]
    [InlineData("""{"policyValue":"Enabled","policyValue":"Disabled"}""", "policyValue is given more than once")]
    [InlineData("""{"policyValue":"Disabled","scope":"Product"}""", "Unknown property 'scope'")]
    public async Task A_repeated_or_unknown_property_is_400_naming_it_with_no_audit_entry(string body, string reason)
    {
        var (_, token) = service.Admin.NewTenant();
        var products = $"{Products}?scope=product";
        var before = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, products, token);

        var error = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"{Products}/CFQ7TTC0H9MP", token, body);
        var after = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, products, token);
        var audit = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1.0/auditLogs/policyChanges", token);

        Assert.Contains(reason, error.Text("reason"));
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Empty(audit.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_400_not_500()
    {
        var (_, token) = service.Admin.NewTenant();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Products}/CFQ7TTC0H9MP") { Content = new ByteArrayContent([.. "{\"policyValue\":\""u8, 0xFF, 0xFE, .. "\"}"u8]) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var response = await service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void An_oversized_body_is_413()
    {
        using var response = service.Send(HttpMethod.Put, $"{Products}/CFQ7TTC0H9MP", AdminToken, "{\"policyValue\":\"" + new string('x', 100_000) + "\"}");

        response.AssertStatus(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public void Offer_types_take_Enabled_or_Disabled_only()
    {
        var (_, token) = service.Admin.NewTenant();

        using var refused = service.Send(HttpMethod.Put, "v1.0/policies/AllowSelfServicePurchase/offerTypes/SaaS", token, """{"policyValue":"OnlyTrialsWithoutPaymentMethod"}""");
        using var accepted = service.Send(HttpMethod.Put, "v1.0/policies/AllowSelfServicePurchase/offerTypes/SaaS", token, """{"policyValue":"Disabled"}""");

        refused.AssertStatus(HttpStatusCode.BadRequest);
        accepted.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Disabled", ServiceFixture.Json(accepted).GetProperty("policyValue").GetString());
    }

    [Fact]
    public void Every_change_is_audited_with_who_when_old_new_and_correlation_id()
    {
        var (domain, token) = service.Admin.NewTenant();
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Products}/CFQ7TTC0HD32") { Content = new StringContent("""{"policyValue":"Disabled"}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("x-ms-correlation-id", "11111111-2222-3333-4444-555555555555");
        service.Http.Send(request).Dispose();

        using var audit = service.Send(HttpMethod.Get, "v1.0/auditLogs/policyChanges", token);

        var entry = Assert.Single(ServiceFixture.Json(audit).GetProperty("items").EnumerateArray());
        Assert.Equal("admin@" + domain, entry.GetProperty("changedBy").GetString());
        Assert.Equal("Enabled", entry.GetProperty("oldValue").GetString());
        Assert.Equal("Disabled", entry.GetProperty("newValue").GetString());
        Assert.Equal("CFQ7TTC0HD32", entry.GetProperty("scopeId").GetString());
        Assert.Equal("11111111-2222-3333-4444-555555555555", entry.GetProperty("correlationId").GetString());
        Assert.True(DateTimeOffset.UtcNow - entry.GetProperty("changedAt").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Tenants_are_isolated_a_change_in_one_is_not_seen_in_another()
    {
        var (_, first) = service.Admin.NewTenant();
        var (_, second) = service.Admin.NewTenant();

        service.Send(HttpMethod.Put, $"{Products}/CFQ7TTC0J1FV", first, """{"policyValue":"Disabled"}""").Dispose();
        using var read = service.Send(HttpMethod.Get, $"{Products}/CFQ7TTC0J1FV", second);

        Assert.Equal("Enabled", ServiceFixture.Json(read).GetProperty("policyValue").GetString());
    }

    [Fact]
    public void Products_added_to_the_catalog_appear_in_every_tenant_as_Enabled()
    {
        var (_, token) = service.Admin.NewTenant();

        service.Admin.Post("_admin/products", new[] { new { productId = "CFQ7TTC0NEW1", productName = "Newly launched product", offersTrialWithoutPaymentMethod = false } });
        using var read = service.Send(HttpMethod.Get, $"{Products}/CFQ7TTC0NEW1", token);

        read.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Enabled", ServiceFixture.Json(read).GetProperty("policyValue").GetString());
    }
}
