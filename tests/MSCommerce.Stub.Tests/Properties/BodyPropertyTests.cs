using System.Net;
using System.Text.Json;
using FsCheck;
using Xunit.Abstractions;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Generated bodies sent over HTTP to every endpoint that reads one: never a 500, a refusal is a 4xx
/// in the service's error shape, and a refused request commits nothing to the service's database, so the
/// tenant's policies, audit log and purchases stay exactly as they were.
/// </summary>
public sealed class BodyPropertyTests(ServiceFixture service, CaseCounts counts, ITestOutputHelper output) : IClassFixture<ServiceFixture>, IClassFixture<CaseCounts>
{
    private const string Policies = "v1.0/policies/AllowSelfServicePurchase";

    /// <summary>The routes the properties below send bodies to: every /v1.0 route that takes a body.</summary>
    private static readonly string[] Covered =
    [
        "PUT /v1.0/policies/{policyId}/products/{productId}",
        "PUT /v1.0/policies/{policyId}/offerTypes/{offerType}",
        "POST /v1.0/selfServicePurchases",
        "PATCH /v1.0/selfServicePurchases/{subscriptionId}",
        "POST /v1.0/selfServicePurchases/{subscriptionId}/cancel",
        "POST /v1.0/selfServicePurchases/{subscriptionId}/assignedUsers",
        "PUT /v1.0/organizationSubscriptions/{subscriptionId}/assignedUsers/{user}",
        "POST /v1.0/selfServicePurchases/{subscriptionId}/takeOver",
    ];

    private static Gen<string> PolicyBodies { get; } =
        GeneratedJson.BodyFor(("policyValue", GeneratedJson.Literal("Enabled", "Disabled", "OnlyTrialsWithoutPaymentMethod", "enabled")));

    [Fact]
    public void Every_route_that_takes_a_body_has_a_property_here()
    {
        var takingBodies = service.Service.Routes
            .Where(route => route.Split(' ') is [var method, var path] && method is "POST" or "PUT" or "PATCH" && path.StartsWith("/v1.0/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Covered.Order(StringComparer.Ordinal), takingBodies);
    }

    [Fact]
    public Task A_product_policy_PUT_body_is_never_a_500_and_a_refused_one_changes_nothing() =>
        CheckAsync("PUT policies/.../products/{id}", PolicyBodies, shop => Task.FromResult((HttpMethod.Put, $"{Policies}/products/CFQ7TTC0H9MP", shop.Admin)));

    [Fact]
    public Task An_offer_type_policy_PUT_body_is_never_a_500_and_a_refused_one_changes_nothing() =>
        CheckAsync("PUT policies/.../offerTypes/{type}", PolicyBodies, shop => Task.FromResult((HttpMethod.Put, $"{Policies}/offerTypes/SaaS", shop.Admin)));

    [Fact]
    public Task A_purchase_POST_body_is_never_a_500_and_a_refused_one_buys_nothing() =>
        CheckAsync("POST selfServicePurchases", GeneratedJson.BodyFor(
                ("productId", GeneratedJson.Literal("CFQ7TTC0H9MP", "CFQ7TTC0LH3N", "cfq7ttc0h9mp", "NOSUCHPRODUCT")),
                ("quantity", GeneratedJson.Number),
                ("isTrial", FsCheck.Fluent.Gen.Elements("true", "false")),
                ("paymentMethod", GeneratedJson.Literal("CreditCard", "Invoice"))),
            shop => Task.FromResult((HttpMethod.Post, Shop.Purchases, shop.Buyer)));

    [Fact]
    public Task A_quantity_PATCH_body_is_never_a_500_and_a_refused_one_changes_nothing() =>
        CheckAsync("PATCH selfServicePurchases/{id}", GeneratedJson.BodyFor(("quantity", GeneratedJson.Number)), async shop =>
            (HttpMethod.Patch, $"{Shop.Purchases}/{(await shop.BuyAsync(quantity: 5)).Id()}", shop.Buyer));

    [Fact]
    public Task A_cancel_POST_body_is_never_a_500_and_a_refused_one_changes_nothing() =>
        CheckAsync("POST selfServicePurchases/{id}/cancel", GeneratedJson.BodyFor(("reason", GeneratedJson.StringLiteral)), async shop =>
            (HttpMethod.Post, $"{Shop.Purchases}/{(await shop.ArrangeAsync(new { productId = "CFQ7TTC0H9MP", purchaser = shop.BuyerUpn, status = "Cancelled", quantity = 2 })).Id()}/cancel", shop.Buyer));

    [Fact]
    public Task An_assignment_POST_body_is_never_a_500_and_a_refused_one_changes_nothing() =>
        CheckAsync("POST selfServicePurchases/{id}/assignedUsers", null, async shop =>
            (HttpMethod.Post, $"{Shop.Purchases}/{(await shop.BuyAsync(quantity: 3)).Id()}/assignedUsers", shop.Buyer),
            shop => GeneratedJson.BodyFor(("user", GeneratedJson.Literal(shop.BuyerUpn, "admin@" + shop.Domain, "BUYER@" + shop.Domain, "nobody@" + shop.Domain, DemoData.AliceUpn, Guid.Empty.ToString()))));

    [Fact]
    public Task An_organisation_assignment_PUT_body_is_never_a_500_and_a_refused_one_changes_nothing()
    {
        var purchase = "";
        return CheckAsync("PUT organizationSubscriptions/{id}/assignedUsers/{user}", null, async shop =>
            {
                await shop.UserAsync("ann");
                purchase = (await shop.ArrangeAsync(new { productId = "CFQ7TTC0H9MP", purchaser = shop.BuyerUpn, quantity = 1, assignedUsers = new[] { $"ann@{shop.Domain}" } })).Id();
                var central = (await shop.ArrangeAsync(new { productId = "CFQ7TTC0H9MP", quantity = 3 })).Id();
                return (HttpMethod.Put, $"v1.0/organizationSubscriptions/{central}/assignedUsers/ann@{shop.Domain}", shop.Admin);
            },
            shop => GeneratedJson.BodyFor(("moveFrom", GeneratedJson.Literal(purchase, Guid.Empty.ToString(), "not-a-guid"))));
    }

    [Fact]
    public Task A_take_over_POST_body_is_never_a_500_and_a_refused_one_changes_nothing()
    {
        var central = "";
        return CheckAsync("POST selfServicePurchases/{id}/takeOver", null, async shop =>
            {
                await shop.UserAsync("ann");
                await shop.UserAsync("ben");
                var purchase = (await shop.ArrangeAsync(new { productId = "CFQ7TTC0H9MP", purchaser = shop.BuyerUpn, quantity = 2, assignedUsers = new[] { $"ann@{shop.Domain}", $"ben@{shop.Domain}" } })).Id();
                central = (await shop.ArrangeAsync(new { productId = "CFQ7TTC0H9MP", quantity = 1 })).Id();
                return (HttpMethod.Post, $"{Shop.Purchases}/{purchase}/takeOver", shop.Admin);
            },
            shop => GeneratedJson.BodyFor(("destination", GeneratedJson.Literal(central, central.ToUpperInvariant(), Guid.Empty.ToString(), "not-a-guid"))));
    }

    private async Task CheckAsync(string name, Gen<string>? bodies, Func<Shop, Task<(HttpMethod Method, string Path, string Token)>> arrange, Func<Shop, Gen<string>>? bodiesFor = null)
    {
        var shop = await Shop.OpenAsync(service);
        var (method, path, token) = await arrange(shop);
        var generated = bodies ?? bodiesFor!(shop);

        var before = await TenantState.CaptureAsync(service, shop.Admin);
        var refusals = 0;
        using var commits = new CommitWatch(service.DatabasePath);
        var tally = await Task.Run(() => PropertyRun.Check(name, generated, body =>
        {
            using var response = service.Send(method, path, token, body);
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            var what = $"{method} {path} with {GeneratedJson.Visible(body)} answered {status} {text}";
            Assert.True(status < 500, what);
            var committed = commits.Committed();
            if (status >= 400)
            {
                AssertServiceError(text, what);
                Assert.False(committed, $"{what}, and committed a change to the service's database");
                Interlocked.Increment(ref refusals);
            }

            return response.StatusCode;
        }));

        counts.Report(output, tally.ToString());
        Assert.True(service.Send(HttpMethod.Get, "v1.0/policies", shop.Admin).IsSuccessStatusCode, "the service stopped answering");
        if (refusals == tally.Cases)
        {
            // Nothing was accepted: what the tenant's admin reads is what it was before the first case.
            Assert.Equal(before, await TenantState.CaptureAsync(service, shop.Admin));
        }
        else
        {
            // The watch sees the service's commits: the changes it accepted were seen.
            Assert.True(commits.CommitsSeen > 0, $"{name}: {tally.Cases - refusals} cases were accepted, and the watch saw none of them commit");
        }
    }

    private static void AssertServiceError(string text, string what)
    {
        using var error = JsonDocument.Parse(text);
        Assert.True(error.RootElement.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String, $"{what}: no errorCode");
        Assert.True(error.RootElement.TryGetProperty("reason", out var reason) && reason.GetString()!.Length > 0, $"{what}: no reason");
    }
}
