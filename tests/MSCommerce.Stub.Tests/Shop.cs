using System.Net;
using System.Text.Json;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// A tenant of its own for tests that buy or change purchases, so that the demo tenant's purchases
/// keep their known answers: a Global Administrator, a buyer, and more users on demand.
/// </summary>
internal sealed class Shop
{
    public const string Purchases = "v1.0/selfServicePurchases";

    private readonly ServiceFixture _service;

    private Shop(ServiceFixture service, string domain, string admin, string buyer)
    {
        _service = service;
        Domain = domain;
        Admin = admin;
        Buyer = buyer;
    }

    public string Domain { get; }

    /// <summary>A Global Administrator's token.</summary>
    public string Admin { get; }

    /// <summary>A plain user's token: the one who buys.</summary>
    public string Buyer { get; }

    public string BuyerUpn => "buyer@" + Domain;

    public static async Task<Shop> OpenAsync(ServiceFixture service, string country = "US", string tenantType = "Commercial")
    {
        var domain = $"t{Guid.NewGuid():N}.onmicrosoft.com";
        await service.Admin.PostAsync("_admin/tenants", new { domain, displayName = "Shop", country, tenantType });
        await service.Admin.PostAsync($"_admin/tenants/{domain}/users", new { userPrincipalName = "admin@" + domain, roles = new[] { "GlobalAdministrator" } });
        await service.Admin.PostAsync($"_admin/tenants/{domain}/users", new { userPrincipalName = "buyer@" + domain });
        return new Shop(service, domain, await service.Admin.TokenAsync("admin@" + domain, domain), await service.Admin.TokenAsync("buyer@" + domain, domain));
    }

    /// <summary>Adds a user named <paramref name="name"/>@domain and answers their token.</summary>
    public async Task<string> UserAsync(string name, string[]? roles = null, bool isGuest = false, bool accountEnabled = true)
    {
        await _service.Admin.PostAsync($"_admin/tenants/{Domain}/users", new { userPrincipalName = $"{name}@{Domain}", roles = roles ?? [], isGuest, accountEnabled });
        return await _service.Admin.TokenAsync($"{name}@{Domain}", Domain);
    }

    /// <summary>The user named <paramref name="name"/>@domain leaves the organisation: deleted, what they bought and held stays.</summary>
    public async Task DeleteUserAsync(string name)
    {
        using var response = await _service.SendAsync(HttpMethod.Delete, $"_admin/tenants/{Domain}/users/{name}@{Domain}", null);
        response.AssertStatus(HttpStatusCode.NoContent);
    }

    /// <summary>An app registration of the shop with the given app roles, and its token.</summary>
    public async Task<string> AppAsync(params string[] roles)
    {
        var clientId = Guid.NewGuid().ToString();
        await _service.Admin.PostAsync($"_admin/tenants/{Domain}/applications", new { displayName = "Shop app", clientId, clientSecret = "secret", roles });
        return await _service.Admin.AppTokenAsync(clientId, Domain);
    }

    public Task SetPolicyAsync(string productId, string value) =>
        _service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"v1.0/policies/AllowSelfServicePurchase/products/{productId}", Admin, $$"""{"policyValue":"{{value}}"}""");

    /// <summary>The buyer buys (or starts a trial); answers the created purchase.</summary>
    public Task<JsonElement> BuyAsync(string productId = "CFQ7TTC0H9MP", int quantity = 1, bool isTrial = false, string? paymentMethod = "CreditCard", string? token = null) =>
        _service.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Purchases, token ?? Buyer, Order(productId, quantity, isTrial, paymentMethod));

    /// <summary>Arranges a purchase as it stands (any status and dates) through the test controls.</summary>
    public Task<JsonElement> ArrangeAsync(object purchase) => _service.Admin.PostAsync($"_admin/tenants/{Domain}/purchases", purchase);

    public static string Order(string productId, int? quantity = null, bool? isTrial = null, string? paymentMethod = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["productId"] = productId,
            ["quantity"] = quantity,
            ["isTrial"] = isTrial,
            ["paymentMethod"] = paymentMethod,
        }.Where(property => property.Value is not null).ToDictionary());
}

internal static class PurchaseJsonExtensions
{
    public static string Id(this JsonElement purchase) => purchase.GetProperty("subscriptionId").GetString()!;

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static IReadOnlyList<string> Ids(this JsonElement page, string items = "items", string id = "subscriptionId") =>
        page.GetProperty(items).EnumerateArray().Select(item => item.GetProperty(id).GetString()!).ToList();

    public static string? NextLink(this JsonElement page, string name = "nextLink") =>
        page.TryGetProperty(name, out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
}
