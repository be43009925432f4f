using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// "Nothing moves without room for every user" under concurrency: two take-overs at once onto one
/// central subscription with room for only one of them. Each round runs in a tenant of its own.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class TakeOverConcurrencyTests(ServiceFixture service, ITestOutputHelper output)
{
    private const int Rounds = 20;
    private const string PowerBiPro = "CFQ7TTC0H9MP";

    [Fact]
    public async Task Two_take_overs_at_once_needing_3_licences_each_of_4_free_one_completes_and_the_other_changes_nothing()
    {
        var firstWon = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var shop = await Shop.OpenAsync(service);
            var purchases = new List<(string Id, string[] Users)>();
            foreach (var prefix in new[] { "a", "b" })
            {
                var users = new List<string>();
                for (var i = 0; i < 3; i++)
                {
                    await shop.UserAsync($"{prefix}{i}");
                    users.Add($"{prefix}{i}@{shop.Domain}");
                }

                purchases.Add(((await shop.ArrangeAsync(new { productId = PowerBiPro, purchaser = shop.BuyerUpn, quantity = 3, assignedUsers = users })).Id(), users.ToArray()));
            }

            var central = (await shop.ArrangeAsync(new { productId = PowerBiPro, quantity = 4 })).Id();
            var body = $$"""{"destination":"{{central}}"}""";

            using var start = new SemaphoreSlim(0, 2);
            var racing = purchases.Select(purchase => Task.Run(async () =>
            {
                await start.WaitAsync(TimeSpan.FromSeconds(30));
                using var response = await service.SendAsync(HttpMethod.Post, $"{Shop.Purchases}/{purchase.Id}/takeOver", shop.Admin, body);
                return (response.StatusCode, Body: await ServiceFixture.JsonAsync(response));
            })).ToList();
            start.Release(2);
            var answers = await Task.WhenAll(racing).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.OK);
            var loser = Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.Conflict);
            Assert.Equal(("NotEnoughLicences", 2), (loser.Body.Text("errorCode"), loser.Body.GetProperty("missingLicences").GetInt32()));
            var winnerIndex = answers[0].StatusCode == HttpStatusCode.OK ? 0 : 1;
            var (won, lost) = (purchases[winnerIndex], purchases[1 - winnerIndex]);

            var lostNow = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Shop.Purchases}/{lost.Id}", shop.Admin);
            var wonNow = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"{Shop.Purchases}/{won.Id}", shop.Admin);
            var centralNow = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"v1.0/organizationSubscriptions/{central}", shop.Admin);
            Assert.Equal("Active", lostNow.Text("status"));
            Assert.Equal(lost.Users.Order(), Upns(lostNow));
            Assert.Equal(("Cancelled", 0), (wonNow.Text("status"), wonNow.GetProperty("assignedLicenses").GetInt32()));
            Assert.Equal(won.Users.Order().ToList(), Upns(centralNow));
            Assert.True(centralNow.GetProperty("assignedLicenses").GetInt32() <= centralNow.GetProperty("quantity").GetInt32(), "over-assigned");
            var holdings = Upns(lostNow).Concat(Upns(wonNow)).Concat(Upns(centralNow)).ToList();
            Assert.Equal(holdings.Distinct().Count(), holdings.Count);
            Assert.Equal(6, holdings.Count);
            firstWon += winnerIndex == 0 ? 1 : 0;
        }

        output.WriteLine($"{Rounds} of {Rounds} concurrent pairs: exactly one take-over completed (the first purchase's {firstWon} times), the other was refused with NotEnoughLicences and nothing changed.");
    }

    private static List<string> Upns(JsonElement subscription) =>
        subscription.GetProperty("assignedUsers").EnumerateArray().Select(user => user.Text("userPrincipalName")).Order().ToList();
}
