using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Http
{
    /// <summary>
    /// A 429 with Retry-After holds back every attempt of the connection until then, not only the call
    /// refused: the service throttles the tenant, so concurrent calls would only be refused in turn.
    /// </summary>
    internal sealed class ThrottleHoldBackHandler : DelegatingHandler
    {
        private long _heldBackUntilTicks;

        public ThrottleHoldBackHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var wait = new DateTimeOffset(Interlocked.Read(ref _heldBackUntilTicks), TimeSpan.Zero) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 429 && RetryHandler.RetryAfter(response) is TimeSpan throttled)
            {
                HoldBackUntil(DateTimeOffset.UtcNow + throttled);
            }

            return response;
        }

        private void HoldBackUntil(DateTimeOffset until)
        {
            var ticks = until.UtcTicks;
            var current = Interlocked.Read(ref _heldBackUntilTicks);
            while (ticks > current)
            {
                var seen = Interlocked.CompareExchange(ref _heldBackUntilTicks, ticks, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }
}
