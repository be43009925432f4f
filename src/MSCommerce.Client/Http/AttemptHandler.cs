using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client.Auth;

namespace MSCommerce.Client.Http
{
    /// <summary>
    /// One attempt of a call: a fresh bearer token (renewed when it has expired), the per-attempt
    /// timeout, and the narration of what happened.
    /// </summary>
    internal sealed class AttemptHandler : DelegatingHandler
    {
        private const string ResourceKey = "MSCommerce.Resource";
        private const string AttemptKey = "attempt";

        private readonly CommerceClientOptions _options;
        private readonly ITokenProvider _tokens;

        public AttemptHandler(CommerceClientOptions options, ITokenProvider tokens, HttpMessageHandler inner)
            : base(inner)
        {
            _options = options;
            _tokens = tokens;
        }

        /// <summary>Marks a request as one for another resource than the licensing service (Microsoft Graph), so it carries that resource's token.</summary>
        internal static void ForResource(HttpRequestMessage request, string resource) => RequestProperties.Set(request, ResourceKey, resource);

        /// <summary>Whether an attempt of the request has gone out to the service (then a change may have been made).</summary>
        internal static bool WasSent(HttpRequestMessage request) => RequestProperties.Get(request, AttemptKey) is int count && count > 0;

        private static string? ResourceOf(HttpRequestMessage request) =>
            RequestProperties.Get(request, ResourceKey) as string;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var context = RequestContext.Of(request);
            var token = ResourceOf(request) is string resource
                ? (await _tokens.GetTokenForAsync(resource, cancellationToken).ConfigureAwait(false)).Token
                : context?.TokenOverride ?? (await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false)).Token;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var attempt = (RequestProperties.Get(request, AttemptKey) is int count ? count : 0) + 1;
            RequestProperties.Set(request, AttemptKey, attempt);
            var stopwatch = Stopwatch.StartNew();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            try
            {
                var response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
                if (context?.Observer is IHttpCallObserver observer && observer.WantsDebug)
                {
                    observer.OnDebug(await ExchangeText(request, response).ConfigureAwait(false));
                }

                var correlation = response.Headers.TryGetValues(CommerceClient.CorrelationHeader, out var values) ? values.FirstOrDefault() : null;
                context?.Observer?.OnCall(new HttpCallEvent(request.Method.Method, request.RequestUri!.PathAndQuery, response.StatusCode, stopwatch.Elapsed, correlation, attempt, null, null));
                return response;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                context?.Observer?.OnCall(new HttpCallEvent(request.Method.Method, request.RequestUri!.PathAndQuery, null, stopwatch.Elapsed, null, attempt, null, "timed out"));
                throw new TimeoutException($"{request.Method} {request.RequestUri!.PathAndQuery} got no answer within {_options.RequestTimeout.TotalSeconds:0} s.");
            }
            catch (HttpRequestException error)
            {
                context?.Observer?.OnCall(new HttpCallEvent(request.Method.Method, request.RequestUri!.PathAndQuery, null, stopwatch.Elapsed, null, attempt, null, error.Message));
                throw;
            }
        }

        private static async Task<string> ExchangeText(HttpRequestMessage request, HttpResponseMessage response)
        {
            var text = new System.Text.StringBuilder();
            text.AppendLine($"{request.Method} {request.RequestUri}");
            foreach (var header in request.Headers)
            {
                text.AppendLine($"{header.Key}: {(header.Key == "Authorization" ? "Bearer [redacted]" : string.Join(", ", header.Value))}");
            }

            if (request.Content != null)
            {
                text.AppendLine(await request.Content.ReadAsStringAsync().ConfigureAwait(false));
            }

            text.AppendLine($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            foreach (var header in response.Headers)
            {
                text.AppendLine($"{header.Key}: {string.Join(", ", header.Value)}");
            }

            if (response.Content != null)
            {
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                text.Append(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            }

            return Redaction.Redact(text.ToString());
        }
    }
}
