using System.Net;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Generated query strings on every list endpoint, and generated user path segments on the one DELETE
/// that takes a name in its path: 200 or 4xx in the service's error shape, never a 500.
/// </summary>
public sealed class QueryPropertyTests(ServiceFixture service, CaseCounts counts, ITestOutputHelper output) : IClassFixture<ServiceFixture>, IClassFixture<CaseCounts>
{
    private const string PurchaseListParameters = "productId,purchaser,purchaserState,status,type,createdAfter,expiringBefore,$expand,$top,$skiptoken";

    /// <summary>The list routes the theory below sends queries to: every /v1.0 GET whose last segment is not an id.</summary>
    private static readonly string[] Lists =
    [
        "GET /v1.0/selfServicePurchases",
        "GET /v1.0/me/selfServicePurchases",
        "GET /v1.0/directory/subscriptions",
        "GET /v1.0/policies/{policyId}/products",
        "GET /v1.0/policies",
        "GET /v1.0/auditLogs/policyChanges",
        "GET /v1.0/organizationSubscriptions",
        "GET /v1.0/auditLogs/purchaseChanges",
        "GET /v1.0/selfServicePurchases/{subscriptionId}/takeOver",
        "GET /v1.0/tenantRelationships/delegatedAdminRelationships",
        "GET /v1.0/tenantRelationships/delegatedAdminCustomers",
    ];

    [Fact]
    public void Every_list_route_has_a_property_here()
    {
        var lists = service.Service.Routes
            .Where(route => route.StartsWith("GET /v1.0/", StringComparison.Ordinal) && !route.EndsWith('}'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Lists.Order(StringComparer.Ordinal), lists);
    }

    [Theory]
    [InlineData("v1.0/selfServicePurchases", DemoData.AdminUpn, null, PurchaseListParameters)]
    [InlineData("v1/selfServicePurchases", DemoData.BillingAdminUpn, null, PurchaseListParameters)]
    [InlineData("v1.0/me/selfServicePurchases", DemoData.AliceUpn, null, PurchaseListParameters)]
    [InlineData("v1.0/directory/subscriptions", DemoData.AdminUpn, "https://graph.microsoft.com", "$top,$skiptoken")]
    [InlineData("v1.0/policies/AllowSelfServicePurchase/products", DemoData.GlobalReaderUpn, null, "scope")]
    [InlineData("v1.0/policies", DemoData.AdminUpn, null, "")]
    [InlineData("v1.0/auditLogs/policyChanges", DemoData.AdminUpn, null, "")]
    [InlineData("v1.0/organizationSubscriptions", DemoData.GlobalReaderUpn, null, "productId")]
    [InlineData("v1.0/auditLogs/purchaseChanges", DemoData.AdminUpn, null, "")]
    [InlineData("v1.0/selfServicePurchases/" + DemoData.AlicePowerBiProId + "/takeOver", DemoData.GlobalReaderUpn, null, "")]
    [InlineData("v1.0/tenantRelationships/delegatedAdminRelationships", DemoData.PartnerUpn, "https://graph.microsoft.com", "$top,$skiptoken", DemoData.FabrikamDomain)]
    [InlineData("v1.0/tenantRelationships/delegatedAdminCustomers", DemoData.PartnerUpn, "https://graph.microsoft.com", "$top,$skiptoken", DemoData.FabrikamDomain)]
    public async Task A_list_query_is_answered_200_or_4xx_never_500(string path, string user, string? resource, string parameters, string tenant = DemoData.ContosoDomain)
    {
        var token = await service.Admin.TokenAsync(user, tenant, resource);

        var tally = await Task.Run(() => PropertyRun.Check($"GET {path}?...", GeneratedQueries.For(parameters.Split(',')), query =>
        {
            using var response = service.Send(HttpMethod.Get, $"{path}?{query}", token);
            AssertAnswer(response, $"GET {path}?{query}");
            return response.StatusCode;
        }));

        counts.Report(output, tally.ToString());
    }

    [Fact]
    public async Task An_unassign_path_segment_is_answered_204_or_4xx_never_500_and_a_refused_one_changes_nothing()
    {
        var shop = await Shop.OpenAsync(service);
        var purchase = await shop.BuyAsync(quantity: 3);
        await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Shop.Purchases}/{purchase.Id()}/assignedUsers", shop.Buyer, $$"""{"user":"{{shop.BuyerUpn}}"}""");
        var users = Gen.Frequency(
            (3, Gen.Elements("nobody@" + shop.Domain, "admin@" + shop.Domain, DemoData.AliceUpn, Guid.Empty.ToString(), "%2F", "%2e%2e", "%00", "%ED%A0%80", "%FF", "a%20b", new string('x', 2000))),
            (4, ArbMap.Default.GeneratorFor<string>().Select(text => Uri.EscapeDataString(Scrub(text ?? "")))),
            (1, Gen.ListOf(Gen.Choose(0, 255)).Select(bytes => string.Concat(bytes.Select(b => $"%{b:X2}")))));

        var tally = await Task.Run(() =>
        {
            using var commits = new CommitWatch(service.DatabasePath);
            return PropertyRun.Check("DELETE selfServicePurchases/{id}/assignedUsers/{user}", users.Where(user => user.Length > 0), user =>
            {
                var path = $"{Shop.Purchases}/{purchase.Id()}/assignedUsers/{user}";
                using var response = service.Send(HttpMethod.Delete, path, shop.Buyer);
                AssertAnswer(response, $"DELETE {path}");
                var committed = commits.Committed();
                if ((int)response.StatusCode >= 400)
                {
                    Assert.False(committed, $"DELETE {path} answered {(int)response.StatusCode} and committed a change to the service's database");
                }

                return response.StatusCode;
            });
        });

        counts.Report(output, tally.ToString());
    }

    /// <summary>A lone surrogate cannot be percent-encoded by Uri.EscapeDataString; the raw bytes variant covers those.</summary>
    private static string Scrub(string text)
    {
        var scrubbed = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            scrubbed.Append(char.IsSurrogate(text[i]) && !pair ? '\uFFFD' : text[i]);
            if (pair)
            {
                scrubbed.Append(text[++i]);
            }
        }

        return scrubbed.ToString();
    }

    private static void AssertAnswer(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(status is 200 or 204 || status is >= 400 and < 500, $"{what} answered {status} {text}");
        if (status >= 400 && text.Length > 0)
        {
            using var error = JsonDocument.Parse(text);
            Assert.True(error.RootElement.TryGetProperty("reason", out _), $"{what} answered {status} without a reason: {text}");
        }
    }
}
