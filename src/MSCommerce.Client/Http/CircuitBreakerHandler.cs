using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.CircuitBreaker;

namespace MSCommerce.Client.Http
{
    /// <summary>
    /// A circuit breaker shared by every attempt of the connection: it notices that the service is down
    /// (nearly all recent attempts failed) and stops sending for a while, so bulk work fails fast, each
    /// call saying whether it was sent (<see cref="ServiceDownException"/>), instead of each running its
    /// own full cycle of retries. A 429 is the service working as meant, not an outage.
    /// </summary>
    internal sealed class CircuitBreakerHandler : DelegatingHandler
    {
        // A dead service fails every attempt; a busy one fails some (a 429 is no failure: it is waited
        // out). Three in four of at least sixteen attempts (two rounds of the default eight in flight)
        // over the last ten seconds is an outage, not bad luck; ten seconds, so that the successes from
        // before the service died soon stop outweighing its failures.
        private const double OutageFailureRatio = 0.75;
        private const int OutageMinimumAttempts = 16;
        private static readonly TimeSpan OutageSamplingDuration = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan ShortestBreak = TimeSpan.FromSeconds(0.5);

        private readonly CommerceClientOptions _options;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

        public CircuitBreakerHandler(CommerceClientOptions options, HttpMessageHandler inner)
            : base(inner)
        {
            _options = options;
            _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
                {
                    FailureRatio = OutageFailureRatio,
                    MinimumThroughput = OutageMinimumAttempts,
                    SamplingDuration = OutageSamplingDuration,
                    BreakDuration = options.CircuitBreakDuration < ShortestBreak ? ShortestBreak : options.CircuitBreakDuration,
                    ShouldHandle = args => new ValueTask<bool>(IsOutage(args.Outcome)),
                })
                .Build();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await _pipeline.ExecuteAsync(
                    (state, cancel) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, cancel)),
                    (Handler: this, Request: request),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (BrokenCircuitException broken)
            {
                throw new ServiceDownException(AttemptHandler.WasSent(request), _options.CircuitBreakDuration, broken);
            }
        }

        private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

        /// <summary>A failure that says the service is down or unreachable; a 429 is the service working as meant.</summary>
        private static bool IsOutage(Outcome<HttpResponseMessage> outcome) =>
            outcome.Exception is HttpRequestException || outcome.Exception is TimeoutException
            || (outcome.Result is HttpResponseMessage response && (int)response.StatusCode != 429 && RetryHandler.IsTransient(response.StatusCode));
    }
}
