using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace MSCommerce.Client.Http
{
    /// <summary>
    /// Retries a call that failed for a moment (408, 429, 500, 502, 503, 504, network errors, attempt
    /// timeouts): Retry-After (seconds or HTTP date) when the service gives one, jittered exponential
    /// backoff otherwise, within caps on retries and on total wait. Every retry is narrated, and a request
    /// sent more than once is marked (<see cref="WasRetried"/>). A call the circuit breaker cut short is not retried.
    /// Only a request that is safe to send twice is retried after it may have reached the service: GET, HEAD,
    /// PUT and DELETE, and a POST or PATCH marked <see cref="MarkSafeToRepeat"/> because the service carries it out
    /// once. Any other request is retried only on a 429, which says it was not carried out.
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new ResiliencePropertyKey<HttpRequestMessage>("request");
        private static readonly ResiliencePropertyKey<TimeSpan> WaitedKey = new ResiliencePropertyKey<TimeSpan>("waited");
        private static readonly ResiliencePropertyKey<TimeSpan> NextDelayKey = new ResiliencePropertyKey<TimeSpan>("next-delay");
        private const string RetriedKey = "MSCommerce.Retried";
        private const string SafeToRepeatKey = "MSCommerce.SafeToRepeat";

        private readonly CommerceClientOptions _options;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

        public RetryHandler(CommerceClientOptions options, HttpMessageHandler inner)
            : base(inner)
        {
            _options = options;
            _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(NextDelayKey, TimeSpan.Zero)),
                    OnRetry = args =>
                    {
                        var request = args.Context.Properties.GetValue(RequestKey, null!);
                        RequestProperties.Set(request, RetriedKey, true);
                        RequestContext.Of(request)?.Observer?.OnCall(new HttpCallEvent(
                            request.Method.Method, request.RequestUri!.PathAndQuery, args.Outcome.Result?.StatusCode, args.Duration,
                            CorrelationOf(args.Outcome.Result), args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message));
                        args.Outcome.Result?.Dispose();
                        return default;
                    },
                })
                .Build();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_options.MaxRetries <= 0)
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                context.Properties.Set(RequestKey, request);
                context.Properties.Set(WaitedKey, TimeSpan.Zero);
                var outcome = await _pipeline.ExecuteOutcomeAsync(
                    async (ctx, state) =>
                    {
                        try
                        {
                            return Outcome.FromResult(await state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken).ConfigureAwait(false));
                        }
                        catch (Exception error)
                        {
                            return Outcome.FromException<HttpResponseMessage>(error);
                        }
                    },
                    context,
                    (Handler: this, Request: request)).ConfigureAwait(false);
                outcome.ThrowIfException();
                return outcome.Result!;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

        /// <summary>Marks a POST or PATCH the service carries out once however often it is sent, so that it is retried like a PUT.</summary>
        internal static void MarkSafeToRepeat(HttpRequestMessage request) => RequestProperties.Set(request, SafeToRepeatKey, true);

        internal static bool IsSafeToRepeat(HttpRequestMessage request) =>
            request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Put
            || request.Method == HttpMethod.Delete || RequestProperties.Get(request, SafeToRepeatKey) is true;

        private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, ResilienceContext context)
        {
            if (context.CancellationToken.IsCancellationRequested || attemptNumber >= _options.MaxRetries)
            {
                return false;
            }

            if ((int?)outcome.Result?.StatusCode != 429 && !IsSafeToRepeat(context.Properties.GetValue(RequestKey, null!)))
            {
                return false;
            }

            TimeSpan? delay;
            if (outcome.Exception is Exception error)
            {
                if (!(error is HttpRequestException || error is TimeoutException))
                {
                    return false;
                }

                delay = null;
            }
            else if (IsTransient(outcome.Result!.StatusCode))
            {
                delay = RetryAfter(outcome.Result);
            }
            else
            {
                return false;
            }

            var wait = delay ?? Backoff(attemptNumber);
            var waited = context.Properties.GetValue(WaitedKey, TimeSpan.Zero);
            if (waited + wait > _options.MaxRetryWait)
            {
                return false;
            }

            context.Properties.Set(WaitedKey, waited + wait);
            context.Properties.Set(NextDelayKey, wait);
            return true;
        }

        private TimeSpan Backoff(int attemptNumber)
        {
            // Exponential with full jitter in the upper half: spreads clients that failed together.
            var exponential = _options.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, attemptNumber);
            var jittered = exponential / 2 + ThreadSafeRandom.NextDouble() * exponential / 2;
            return TimeSpan.FromMilliseconds(Math.Min(jittered, 30_000));
        }

        /// <summary>
        /// True when the request was sent more than once. An attempt before the answered one may have been
        /// carried out with its answer lost (a timeout, a dropped connection, a 5xx from a proxy), so a
        /// refusal to the answered one may describe what this very call did.
        /// </summary>
        internal static bool WasRetried(HttpRequestMessage request) => RequestProperties.Get(request, RetriedKey) is true;

        internal static bool IsTransient(HttpStatusCode status) =>
            status == HttpStatusCode.RequestTimeout || (int)status == 429 || status == HttpStatusCode.InternalServerError
            || status == HttpStatusCode.BadGateway || status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.GatewayTimeout;

        internal static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (header?.Date is DateTimeOffset date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return response.Headers.TryGetValues("Retry-After", out var values)
                && int.TryParse(string.Join("", values), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                ? TimeSpan.FromSeconds(seconds)
                : (TimeSpan?)null;
        }

        private static string? CorrelationOf(HttpResponseMessage? response) =>
            response != null && response.Headers.TryGetValues(CommerceClient.CorrelationHeader, out var values) ? string.Join(",", values) : null;

        private static class ThreadSafeRandom
        {
            private static readonly Random Seed = new Random();

            [ThreadStatic]
            private static Random? _local;

            public static double NextDouble()
            {
                if (_local == null)
                {
                    int seed;
                    lock (Seed)
                    {
                        seed = Seed.Next();
                    }

                    _local = new Random(seed);
                }

                return _local.NextDouble();
            }
        }
    }
}
