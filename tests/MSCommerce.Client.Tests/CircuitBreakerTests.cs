using System.Collections.Concurrent;
using MSCommerce.Client.Http;
using MSCommerce.Client.Policies;

namespace MSCommerce.Client.Tests;

/// <summary>The connection's circuit breaker: a service that is down is noticed once, not by every call on its own.</summary>
[Collection(FaultCollection.Name)]
public sealed class CircuitBreakerTests(ClientFixture fixture) : IDisposable
{
    private const string PowerBiPro = "CFQ7TTC0H9MP";

    [Fact]
    public async Task When_the_service_is_down_the_connection_stops_sending_and_says_which_calls_were_not_sent()
    {
        using var client = fixture.NewClient(options => options.CircuitBreakDuration = TimeSpan.FromSeconds(1));
        var observer = new RecordingObserver();
        fixture.Fault(new { status = 503, rate = 1.0 });

        var outcomes = await RunCalls(client, observer, calls: 100, inFlight: 8);

        Assert.Equal(100, outcomes.Count);
        Assert.All(outcomes, error => Assert.Equal(CommerceErrorKind.ServiceUnavailable, error.Kind));
        var notSent = outcomes.Count(error => error.NotSent);
        Assert.True(notSent >= 50, $"{notSent} of 100 calls were reported as not sent");
        Assert.All(outcomes.Where(error => error.NotSent), error => Assert.Contains("Not sent", error.Message, StringComparison.Ordinal));
        // Without the breaker each of the 100 calls would make 6 attempts.
        var attempts = observer.Calls.Count(call => call.RetryDelay is null);
        Assert.True(attempts <= 60, $"{attempts} attempts reached the service");

        fixture.ClearFaults();
        var back = await UntilAnswered(client, TimeSpan.FromSeconds(30));
        Assert.Equal(PowerBiPro, back.ProductId);
    }

    [Fact]
    public async Task With_retries_turned_off_the_breaker_still_stops_sending_to_a_service_that_is_down()
    {
        using var client = fixture.NewClient(options =>
        {
            options.MaxRetries = 0;
            options.CircuitBreakDuration = TimeSpan.FromSeconds(5);
        });
        var observer = new RecordingObserver();
        fixture.Fault(new { status = 503, rate = 1.0 });

        var outcomes = await RunCalls(client, observer, calls: 100, inFlight: 8);

        Assert.Equal(100, outcomes.Count);
        var notSent = outcomes.Count(error => error.NotSent);
        Assert.True(notSent >= 50, $"{notSent} of 100 calls were reported as not sent");
        // Without the breaker each of the 100 calls would make its one attempt.
        var attempts = observer.Calls.Count(call => call.RetryDelay is null);
        Assert.True(attempts <= 50, $"{attempts} attempts reached the service");
    }

    [Fact]
    public async Task Throttling_is_waited_out_and_never_taken_for_an_outage()
    {
        using var client = fixture.NewClient(options => options.MaxRetries = 1);
        fixture.Fault(new { status = 429, retryAfterSeconds = 0, rate = 1.0 });

        var outcomes = await RunCalls(client, new RecordingObserver(), calls: 40, inFlight: 8);

        Assert.Equal(40, outcomes.Count);
        Assert.All(outcomes, error => Assert.Equal(CommerceErrorKind.Throttled, error.Kind));
        Assert.DoesNotContain(outcomes, error => error.NotSent);
    }

    [Fact]
    public async Task Scattered_failures_of_a_busy_service_do_not_open_the_breaker()
    {
        using var client = fixture.NewClient();
        fixture.Fault(new { status = 503, rate = 0.15 });

        var outcomes = await RunCalls(client, new RecordingObserver(), calls: 200, inFlight: 8);

        Assert.Empty(outcomes);
    }

    /// <summary>Runs the calls as the baseline enforcer does (a few in flight); returns the failures.</summary>
    private static async Task<List<CommerceServiceException>> RunCalls(CommerceClient client, RecordingObserver observer, int calls, int inFlight)
    {
        var pending = new ConcurrentQueue<int>(Enumerable.Range(0, calls));
        var failures = new ConcurrentBag<CommerceServiceException>();
        var workers = Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            while (pending.TryDequeue(out _))
            {
                try
                {
                    await client.GetProductPolicyAsync(PolicyValues.AllowSelfServicePurchase, PowerBiPro, new RequestContext { Observer = observer }, CancellationToken.None);
                }
                catch (CommerceServiceException error)
                {
                    failures.Add(error);
                }
            }
        }));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));
        return failures.ToList();
    }

    private static async Task<ProductPolicy> UntilAnswered(CommerceClient client, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            try
            {
                return await client.GetProductPolicyAsync(PolicyValues.AllowSelfServicePurchase, PowerBiPro, null, CancellationToken.None);
            }
            catch (CommerceServiceException error) when (error.NotSent && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }
        }
    }

    public void Dispose() => fixture.ClearFaults();
}
