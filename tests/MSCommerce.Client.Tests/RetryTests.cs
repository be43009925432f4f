using System.Net;
using MSCommerce.Client.Http;

namespace MSCommerce.Client.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<ClientFixture>
{
    public const string Name = "Faults";
}

/// <summary>Retries against the service's injected faults. Faults are shared service state, so these tests run one at a time.</summary>
[Collection(FaultCollection.Name)]
public sealed class RetryTests(ClientFixture fixture) : IDisposable
{
    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(500)]
    [InlineData(504)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task A_transient_failure_is_retried_and_the_call_succeeds(int status)
    {
        using var client = fixture.NewClient();
        var observer = new RecordingObserver();
        fixture.Fault(new { path = "/v1.0/policies", status, count = 2 });

        var policies = await client.GetPoliciesAsync(new RequestContext { Observer = observer }, CancellationToken.None);

        Assert.Single(policies);
        Assert.Equal(2, observer.Calls.Count(call => call.RetryDelay is not null));
        Assert.Equal([1, 2, 3], observer.Calls.Where(call => call.RetryDelay is null).Select(call => call.Attempt));
    }

    [Fact]
    public async Task Retry_After_in_seconds_sets_the_wait()
    {
        using var client = fixture.NewClient();
        var observer = new RecordingObserver();
        fixture.Fault(new { path = "/v1.0/policies", status = 429, count = 1, retryAfterSeconds = 1 });

        await client.GetPoliciesAsync(new RequestContext { Observer = observer }, CancellationToken.None);

        var retry = Assert.Single(observer.Calls, call => call.RetryDelay is not null);
        Assert.Equal(TimeSpan.FromSeconds(1), retry.RetryDelay);
        Assert.Equal(HttpStatusCode.TooManyRequests, retry.Status);
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_sets_the_wait()
    {
        using var client = fixture.NewClient();
        var observer = new RecordingObserver();
        fixture.Fault(new { path = "/v1.0/policies", status = 503, count = 1, retryAfterSeconds = 2, retryAfterDate = true });

        await client.GetPoliciesAsync(new RequestContext { Observer = observer }, CancellationToken.None);

        var retry = Assert.Single(observer.Calls, call => call.RetryDelay is not null);
        Assert.InRange(retry.RetryDelay!.Value, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task When_retries_run_out_the_call_fails_as_throttled_with_the_reason()
    {
        using var client = fixture.NewClient(options => options.MaxRetries = 2);
        fixture.Fault(new { path = "/v1.0/policies", status = 429, count = 10 });

        var error = await Assert.ThrowsAsync<CommerceServiceException>(() => client.GetPoliciesAsync(null, CancellationToken.None));

        Assert.Equal(CommerceErrorKind.Throttled, error.Kind);
        Assert.Contains("still refused after the retries allowed", error.Message);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_total_wait_cap_is_not_waited_for()
    {
        using var client = fixture.NewClient(options => options.MaxRetryWait = TimeSpan.FromSeconds(5));
        var observer = new RecordingObserver();
        fixture.Fault(new { path = "/v1.0/policies", status = 503, count = 1, retryAfterSeconds = 120 });

        var error = await Assert.ThrowsAsync<CommerceServiceException>(() => client.GetPoliciesAsync(new RequestContext { Observer = observer }, CancellationToken.None));

        Assert.Equal(CommerceErrorKind.ServiceUnavailable, error.Kind);
        Assert.DoesNotContain(observer.Calls, call => call.RetryDelay is not null);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        using var client = fixture.NewClient();
        var observer = new RecordingObserver();

        var error = await Assert.ThrowsAsync<CommerceServiceException>(() => client.GetProductPolicyAsync("AllowSelfServicePurchase", "CFQ7TTC0NONE", new RequestContext { Observer = observer }, CancellationToken.None));

        Assert.Equal(CommerceErrorKind.NotFound, error.Kind);
        Assert.Single(observer.Calls);
        Assert.NotNull(error.CorrelationId);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        using var client = fixture.NewClient();
        var observer = new RecordingObserver();
        fixture.Fault(new { path = "/v1.0/policies", status = 0, count = 1, dropConnection = true });

        var policies = await client.GetPoliciesAsync(new RequestContext { Observer = observer }, CancellationToken.None);

        Assert.Single(policies);
        Assert.Contains(observer.Calls, call => call.Status is null);
    }

    [Fact]
    public async Task An_attempt_that_takes_too_long_times_out_and_is_retried()
    {
        // The timeout applies to the sign-in too, so it leaves room for a sign-in on a busy machine; the held answer is far beyond it.
        using var client = fixture.NewClient(options => options.RequestTimeout = TimeSpan.FromSeconds(3));
        var observer = new RecordingObserver();
        fixture.Fault(new { path = "/v1.0/policies", status = 0, count = 1, latencyMs = 30_000 });

        var policies = await client.GetPoliciesAsync(new RequestContext { Observer = observer }, CancellationToken.None);

        Assert.Single(policies);
        Assert.Contains(observer.Calls, call => call.Failure == "timed out");
    }

    [Fact]
    public async Task Cancellation_stops_a_call_in_flight()
    {
        using var client = fixture.NewClient();
        await client.GetPoliciesAsync(null, CancellationToken.None);
        fixture.Fault(new { path = "/v1.0/policies", status = 0, count = 1, latencyMs = 30_000 });
        using var cancel = new CancellationTokenSource();

        var call = client.GetPoliciesAsync(null, cancel.Token);
        cancel.CancelAfter(200);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    public void Dispose() => fixture.ClearFaults();
}
