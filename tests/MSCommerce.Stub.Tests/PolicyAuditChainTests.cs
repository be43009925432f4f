using System.Net;

namespace MSCommerce.Stub.Tests;

/// <summary>Concurrent policy changes over HTTP leave an audit log that is an exact chain of what happened.</summary>
[Collection(ServiceCollection.Name)]
public sealed class PolicyAuditChainTests(ServiceFixture service)
{
    private const string Product = "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0H9MP";

    [Fact]
    public async Task Concurrent_writers_on_one_product_leave_each_entry_starting_where_the_one_before_ended()
    {
        var (_, token) = service.Admin.NewTenant();
        const int writers = 8, changesEach = 15;

        var storm = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            for (var i = 0; i < changesEach; i++)
            {
                var value = random.Next(2) == 0 ? "Enabled" : "Disabled";
                await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Product, token, $$"""{"policyValue":"{{value}}"}""");
            }
        }));
        await Task.WhenAll(storm).WaitAsync(TimeSpan.FromMinutes(2));
        var audit = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1.0/auditLogs/policyChanges", token);
        var current = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Product, token);

        var entries = audit.GetProperty("items").EnumerateArray().Select(entry => (Old: entry.Text("oldValue"), New: entry.Text("newValue"))).ToList();
        Assert.True(entries.Count > writers, $"only {entries.Count} changes were audited");
        var breaks = entries.Skip(1).Zip(entries, (entry, previous) => entry.Old == previous.New).Count(chained => !chained);
        Assert.True(breaks == 0, $"{breaks} of {entries.Count} entries do not start where the one before ended");
        Assert.Equal("Enabled", entries[0].Old);
        Assert.All(entries, entry => Assert.NotEqual(entry.Old, entry.New));
        Assert.Equal(entries[^1].New, current.Text("policyValue"));
    }
}
