using System.Net;
using System.Net.Http.Headers;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>Every malformed query or body is a 4xx with a reason, never a 500, and changes nothing.</summary>
[Collection(ServiceCollection.Name)]
public sealed class MalformedPurchaseRequestTests(ServiceFixture service)
{
    private const string Purchases = "v1.0/selfServicePurchases";

    [Theory]
    [InlineData("bogus=1", "bogus")]
    [InlineData("$filter=status eq 'Active'", "$filter")]
    [InlineData("$skip=10", "$skip")]
    [InlineData("status=Active&status=Expired", "status")]
    [InlineData("status=Pending", "status")]
    [InlineData("status=", "status")]
    [InlineData("type=Both", "type")]
    [InlineData("createdAfter=yesterday", "createdAfter")]
    [InlineData("createdAfter=2026-13-01", "createdAfter")]
    [InlineData("createdAfter=2026-02-30T00:00:00Z", "createdAfter")]
    [InlineData("createdAfter=1700000000", "createdAfter")]
    [InlineData("expiringBefore=01/03/2026", "expiringBefore")]
    [InlineData("expiringBefore=%20", "expiringBefore")]
    [InlineData("$expand=orderHistory,invoices", "$expand")]
    [InlineData("$expand=", "$expand")]
    [InlineData("$skiptoken=not-a-token", "$skiptoken")]
    [InlineData("$skiptoken=MTIzOm5vdC1hLWd1aWQ", "$skiptoken")]
    [InlineData("$skiptoken=OTk5OTk5OTk5OTk5OTk5OTk5OTk5OmMwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMQ", "$skiptoken")]
    [InlineData("productId=CFQ7 TTC0H9MP", "productId")]
    [InlineData("productId=%27%3B%20DROP%20TABLE%20purchases%3B--", "productId")]
    public async Task A_bad_query_parameter_is_400_naming_it(string query, string parameter)
    {
        var error = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"{Purchases}?{query}", await service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.Equal("BadRequest", error.Text("errorCode"));
        Assert.Contains(parameter, error.Text("reason"));
    }

    [Fact]
    public async Task Oversized_query_values_are_400()
    {
        var token = await service.Admin.TokenAsync(DemoData.AdminUpn);

        await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"{Purchases}?purchaser={new string('a', 300)}", token);
        await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"{Purchases}?productId={new string('A', 65)}", token);
        await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, $"{Purchases}?$skiptoken={new string('A', 600)}", token);
    }

    [Fact]
    public async Task A_purchaser_filter_is_data_not_SQL()
    {
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}?purchaser={Uri.EscapeDataString("' OR 1=1 --")}", await service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.Empty(page.Ids());
    }

    [Theory]
    [InlineData("", "InvalidRequestBody")]
    [InlineData("   ", "InvalidRequestBody")]
    [InlineData("null", "InvalidRequestBody")]
    [InlineData("[]", "InvalidRequestBody")]
    [InlineData("\"CFQ7TTC0H9MP\"", "InvalidRequestBody")]
    [InlineData("{", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",}", "InvalidRequestBody")]
    [InlineData("{}", "InvalidRequestBody")]
    [InlineData("{\"productId\":null}", "InvalidRequestBody")]
    [InlineData("{\"productId\":5}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"\"}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",\"quantity\":\"5\"}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",\"quantity\":1.5}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",\"quantity\":1e3}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",\"quantity\":99999999999}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",\"isTrial\":\"yes\"}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",\"paymentMethod\":{\"type\":\"CreditCard\"}}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",\"quantiy\":5}", "InvalidRequestBody")]
    [InlineData("{\"ProductId\":\"CFQ7TTC0H9MP\"}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",\"productId\":\"CFQ7TTC0HD33\"}", "InvalidRequestBody")]
    [InlineData("{\"productId\":\"CFQ7TTC0H9MP\",\"quantity\":0}", "BadRequest")]
    public async Task A_bad_purchase_body_is_400_and_buys_nothing(string body, string errorCode)
    {
        var shop = await Shop.OpenAsync(service);

        var error = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Purchases, shop.Buyer, body);
        var page = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Purchases, shop.Admin);

        Assert.Equal(errorCode, error.Text("errorCode"));
        Assert.Empty(page.Ids());
    }

    [Theory]
    [InlineData("PATCH", "", "{}")]
    [InlineData("PATCH", "", "{\"quantity\":null}")]
    [InlineData("PATCH", "", "{\"quantity\":\"3\"}")]
    [InlineData("PATCH", "", "{\"quantity\":3,\"status\":\"Cancelled\"}")]
    [InlineData("PATCH", "", "[3]")]
    [InlineData("POST", "/assignedUsers", "{}")]
    [InlineData("POST", "/assignedUsers", "{\"user\":42}")]
    [InlineData("POST", "/assignedUsers", "{\"user\":\"\"}")]
    [InlineData("POST", "/assignedUsers", "{\"users\":[\"a\"]}")]
    [InlineData("POST", "/assignedUsers", "not json")]
    public async Task A_bad_change_body_is_400_and_changes_nothing(string method, string suffix, string body)
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.BuyAsync(quantity: 2);

        var error = await service.ExpectAsync(HttpStatusCode.BadRequest, new HttpMethod(method), $"{Purchases}/{purchase.Id()}{suffix}", shop.Buyer, body);
        var after = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Purchases}/{purchase.Id()}", shop.Buyer);

        Assert.Equal("InvalidRequestBody", error.Text("errorCode"));
        Assert.Equal(2, after.GetProperty("quantity").GetInt32());
        Assert.Equal(0, after.GetProperty("assignedLicenses").GetInt32());
        Assert.Single(after.GetProperty("orderHistory").EnumerateArray());
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_400()
    {
        var shop = await Shop.OpenAsync(service);
        using var request = new HttpRequestMessage(HttpMethod.Post, Purchases) { Content = new ByteArrayContent([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", shop.Buyer);

        using var response = await service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_413_whether_announced_or_streamed()
    {
        var shop = await Shop.OpenAsync(service);
        var huge = Shop.Order("CFQ7TTC0H9MP", paymentMethod: new string('x', 40_000));
        using var streamed = new HttpRequestMessage(HttpMethod.Post, Purchases) { Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(huge))) };
        streamed.Headers.TransferEncodingChunked = true;
        streamed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", shop.Buyer);

        await service.ExpectAsync(HttpStatusCode.RequestEntityTooLarge, HttpMethod.Post, Purchases, shop.Buyer, huge);
        using var response = await service.Http.SendAsync(streamed);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT", Purchases)]
    [InlineData("DELETE", Purchases)]
    [InlineData("PUT", $"{Purchases}/{DemoData.AlicePowerBiProId}")]
    [InlineData("GET", $"{Purchases}/{DemoData.AlicePowerBiProId}/cancel")]
    [InlineData("GET", $"{Purchases}/{DemoData.AlicePowerBiProId}/assignedUsers/x/y")]
    [InlineData("POST", $"{Purchases}/%00%01")]
    [InlineData("GET", $"{Purchases}/{DemoData.AlicePowerBiProId}%20OR%201=1")]
    public async Task Odd_methods_and_paths_are_4xx_never_500(string method, string path)
    {
        using var response = await service.SendAsync(new HttpMethod(method), path, await service.Admin.TokenAsync(DemoData.AdminUpn));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
