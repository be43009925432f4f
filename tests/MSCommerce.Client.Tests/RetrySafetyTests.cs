using System.Net;
using MSCommerce.Client.Http;

namespace MSCommerce.Client.Tests;

/// <summary>
/// Only a request that is safe to send twice is sent again after it may have reached the service: a plain
/// POST that failed with a 503 may have been carried out, so it is not retried, while a 429 says it was not.
/// The retry handler sends to the service over real HTTPS here, without a token: an attempt that gets past
/// the injected fault is answered 401, which shows it was sent again.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class RetrySafetyTests(ClientFixture fixture) : IDisposable
{
    private const string CancelPath = "/v1.0/selfServicePurchases/00000000-0000-0000-0000-000000000001/cancel";

    [Fact]
    public async Task A_POST_that_may_have_been_carried_out_is_not_sent_again()
    {
        fixture.Fault(new { path = CancelPath, status = 503, count = 1 });

        var status = await SendPostAsync(markedSafe: false);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
    }

    [Fact]
    public async Task A_POST_the_service_carries_out_once_is_retried_like_a_PUT()
    {
        fixture.Fault(new { path = CancelPath, status = 503, count = 1 });

        var status = await SendPostAsync(markedSafe: true);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Any_request_is_retried_after_a_429_because_the_service_did_not_carry_it_out()
    {
        fixture.Fault(new { path = CancelPath, status = 429, count = 1 });

        var status = await SendPostAsync(markedSafe: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private async Task<HttpStatusCode> SendPostAsync(bool markedSafe)
    {
        var thumbprint = fixture.Service.Certificate.Thumbprint;
        var options = new CommerceClientOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(20) };
        using var http = new HttpClient(new RetryHandler(options, new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        }))
        { BaseAddress = fixture.Service.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, CancelPath.TrimStart('/'));
        if (markedSafe)
        {
            RetryHandler.MarkSafeToRepeat(request);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose() => fixture.ClearFaults();
}
