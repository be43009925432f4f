using System.Net;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Text that is well-formed JSON but not valid Unicode (an escaped lone surrogate) is refused by every
/// endpoint that reads a body, as a 400 naming where it is, and changes nothing.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class BodyTextTests(ServiceFixture service)
{
    private const string Policies = "v1.0/policies/AllowSelfServicePurchase";

    [Theory]
    [InlineData("PUT", $"{Policies}/products/CFQ7TTC0H9MP", """{"policyValue":"\ud800"}""", "policyValue")]
    [InlineData("PUT", $"{Policies}/products/CFQ7TTC0H9MP", """{"policyValue":"Dis\udc00abled"}""", "policyValue")]
    [InlineData("PUT", $"{Policies}/products/CFQ7TTC0H9MP", """{"\ud800":"Disabled"}""", "property name")]
    [InlineData("PUT", $"{Policies}/offerTypes/SaaS", """{"policyValue":"\udfff"}""", "policyValue")]
    [InlineData("POST", Shop.Purchases, """{"productId":"\ud800"}""", "productId")]
    [InlineData("POST", Shop.Purchases, """{"productId":"CFQ7TTC0H9MP","paymentMethod":"Credit\ud83dCard"}""", "paymentMethod")]
    [InlineData("POST", Shop.Purchases, """{"productId":"CFQ7TTC0H9MP","extra":{"deep":["ok","\ud800"]}}""", "extra.deep[1]")]
    [InlineData("PATCH", "{purchase}", """{"quantity":3,"\ud800x":1}""", "property name")]
    [InlineData("POST", "{purchase}/assignedUsers", """{"user":"\udc00@example.com"}""", "user")]
    public async Task A_lone_surrogate_is_400_naming_where_it_is_and_changes_nothing(string method, string path, string body, string named)
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.BuyAsync(quantity: 2);
        path = path.Replace("{purchase}", $"{Shop.Purchases}/{purchase.Id()}", StringComparison.Ordinal);
        var before = await TenantState.CaptureAsync(service, shop.Admin);

        using var response = await service.SendAsync(new HttpMethod(method), path, method == "PUT" ? shop.Admin : shop.Buyer, body);
        var after = await TenantState.CaptureAsync(service, shop.Admin);

        response.AssertStatus(HttpStatusCode.BadRequest);
        var error = await ServiceFixture.JsonAsync(response);
        Assert.Equal("InvalidRequestBody", error.Text("errorCode"));
        Assert.Contains(named, error.Text("reason"));
        Assert.Contains("Unicode", error.Text("reason"));
        Assert.Equal(before, after);
    }
}
