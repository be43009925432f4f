using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Http;

namespace MSCommerce.Client.Tests;

/// <summary>
/// A licensing service that answers badly, over real HTTP on loopback: each path answers one kind
/// of broken body, so the client's handling of every one is seen as a caller sees it.
/// </summary>
public sealed class BrokenService : IAsyncLifetime
{
    private const string Purchase = "{\"subscriptionId\":\"s1\",\"productId\":\"CFQ7TTC0H9MP\",\"productName\":\"Power BI Pro\",\"quantity\":1,\"status\":\"Active\",\"isTrial\":false}";

    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/{kind}/v1.0/policies", (string kind) => kind switch
        {
            "html" => Results.Content("<html><body>Service maintenance</body></html>", "text/html"),
            "truncated" => Results.Content("{\"items\":[{\"id\":\"AllowSelfServicePurchase\",\"descr", "application/json"),
            "empty" => Results.Content("", "application/json"),
            "plain" => Results.Content("{\"items\":[]}", "text/plain"),
            "missing" => Results.Content("{\"items\":[{\"description\":\"no id\"}]}", "application/json"),
            "error-html" => Results.Content("<html>Bad gateway</html>", "text/html", statusCode: 403),
            _ => Results.NotFound(),
        });
        _app.MapGet("/{kind}/v1.0/selfServicePurchases", (string kind) => kind switch
        {
            "foreign-next" => Results.Content($"{{\"items\":[{Purchase}],\"nextLink\":\"https://elsewhere.example/v1.0/selfServicePurchases?$skiptoken=x\"}}", "application/json"),
            "missing-product" => Results.Content("{\"items\":[{\"subscriptionId\":\"s1\",\"status\":\"Active\"}]}", "application/json"),
            _ => Results.NotFound(),
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public sealed class MalformedAnswerTests(BrokenService broken) : IClassFixture<BrokenService>
{
    [Theory]
    [InlineData("html", "instead of JSON")]
    [InlineData("truncated", "JSON is broken")]
    [InlineData("empty", "was empty")]
    [InlineData("plain", "instead of JSON")]
    [InlineData("missing", "'id' is missing")]
    public async Task An_unreadable_answer_is_reported_as_invalid_data_saying_why(string kind, string why)
    {
        using var client = Client(kind);

        var error = await Assert.ThrowsAsync<CommerceServiceException>(() => client.GetPoliciesAsync(null, CancellationToken.None));

        Assert.Equal(CommerceErrorKind.InvalidAnswer, error.Kind);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public async Task An_error_with_a_body_that_is_not_the_services_shape_still_reports_the_status()
    {
        using var client = Client("error-html");

        var error = await Assert.ThrowsAsync<CommerceServiceException>(() => client.GetPoliciesAsync(null, CancellationToken.None));

        Assert.Equal(CommerceErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("HTTP 403", error.Message);
    }

    [Fact]
    public async Task A_next_page_link_that_leads_to_another_host_is_refused_so_the_token_never_leaves()
    {
        using var client = Client("foreign-next");
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<CommerceServiceException>(async () =>
        {
            await foreach (var purchase in client.GetSelfServicePurchasesAsync(new Purchases.PurchaseQuery(), null, CancellationToken.None))
            {
                seen.Add(purchase.SubscriptionId);
            }
        });

        Assert.Equal(CommerceErrorKind.InvalidAnswer, error.Kind);
        Assert.Contains("leads away from", error.Message);
        Assert.Empty(seen);
    }

    [Fact]
    public async Task A_purchase_without_its_product_id_is_an_unreadable_answer()
    {
        using var client = Client("missing-product");

        var error = await Assert.ThrowsAsync<CommerceServiceException>(async () =>
        {
            await foreach (var purchase in client.GetSelfServicePurchasesAsync(new Purchases.PurchaseQuery(), null, CancellationToken.None))
            {
                Assert.Fail($"{purchase} should not have been read.");
            }
        });

        Assert.Equal(CommerceErrorKind.InvalidAnswer, error.Kind);
        Assert.Contains("'productId' is missing", error.Message);
    }

    [Fact]
    public async Task A_service_that_is_not_there_is_a_connection_failure()
    {
        // A socket bound and not listening: the port refuses connections, and no other process can take it meanwhile.
        using var closed = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        closed.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var closedPort = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)closed.LocalEndPoint!).Port}/");
        var options = new CommerceClientOptions { Endpoint = closedPort, MaxRetries = 1, BaseRetryDelay = TimeSpan.FromMilliseconds(10) };
        using var client = CommerceConnector.ForAccessToken(options, "a.b.c");

        var error = await Assert.ThrowsAsync<CommerceServiceException>(() => client.GetPoliciesAsync(null, CancellationToken.None));

        Assert.Equal(CommerceErrorKind.Connection, error.Kind);
        Assert.Contains("could not be reached", error.Message);
    }

    private CommerceClient Client(string kind)
    {
        var options = new CommerceClientOptions { Endpoint = new Uri(broken.BaseAddress, kind + "/"), MaxRetries = 0 };
        return CommerceConnector.ForAccessToken(options, "header.payload.signature");
    }
}
