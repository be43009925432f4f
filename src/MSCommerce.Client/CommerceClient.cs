using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Http;
using MSCommerce.Client.Policies;

namespace MSCommerce.Client
{
    /// <summary>Reads and changes self-service purchase policies through the licensing service's REST API.</summary>
    public sealed partial class CommerceClient : IDisposable
    {
        /// <summary>The header that carries the correlation id of a call, to quote to Microsoft support.</summary>
        public const string CorrelationHeader = "x-ms-correlation-id";

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        private readonly HttpClient _http;
        private readonly HttpHandlerFactory _handlers;

        /// <summary>Built by <see cref="CommerceConnector"/>; the client owns the handler factory and disposes it.</summary>
        internal CommerceClient(CommerceClientOptions options, ITokenProvider tokens, HttpHandlerFactory handlers)
        {
            _handlers = handlers;
            Options = options ?? throw new ArgumentNullException(nameof(options));
            Tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
            _http = new HttpClient(handlers.CreatePipeline(tokens)) { BaseAddress = EnsureTrailingSlash(options.Endpoint), Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <summary>The options the client was made with.</summary>
        public CommerceClientOptions Options { get; }

        internal ITokenProvider Tokens { get; }

        /// <summary>The licensing service's address.</summary>
        public Uri Endpoint => _http.BaseAddress!;

        /// <summary>The tenant's policies (today: AllowSelfServicePurchase), with their descriptions and default values.</summary>
        public Task<IReadOnlyList<Policy>> GetPoliciesAsync(RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<ItemsDto<PolicyDto>, IReadOnlyList<Policy>>(HttpMethod.Get, "v1.0/policies", null, context, cancellationToken,
                page => page.Items.Select(ToPolicy).ToList());

        /// <summary>One policy by id. Throws <see cref="CommerceServiceException"/> of kind <see cref="CommerceErrorKind.NotFound"/> when there is no such policy.</summary>
        public Task<Policy> GetPolicyAsync(string policyId, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<PolicyDto, Policy>(HttpMethod.Get, $"v1.0/policies/{Escape(policyId)}", null, context, cancellationToken, ToPolicy);

        /// <summary>The policy's value for every product, ordered by product id.</summary>
        public Task<IReadOnlyList<ProductPolicy>> GetProductPoliciesAsync(string policyId, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<ItemsDto<ScopedPolicyDto>, IReadOnlyList<ProductPolicy>>(HttpMethod.Get, $"v1.0/policies/{Escape(policyId)}/products?scope=product", null, context, cancellationToken,
                page => page.Items.Select(ToProductPolicy).OrderBy(policy => policy.ProductId, StringComparer.Ordinal).ToList());

        /// <summary>The policy's value for every third-party offer type, ordered by offer type.</summary>
        public Task<IReadOnlyList<OfferTypePolicy>> GetOfferTypePoliciesAsync(string policyId, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<ItemsDto<ScopedPolicyDto>, IReadOnlyList<OfferTypePolicy>>(HttpMethod.Get, $"v1.0/policies/{Escape(policyId)}/products?scope=OfferType", null, context, cancellationToken,
                page => page.Items.Select(ToOfferTypePolicy).OrderBy(policy => policy.ScopeId, StringComparer.Ordinal).ToList());

        /// <summary>The policy's value for one product (e.g. CFQ7TTC0H9MP, Power BI Pro).</summary>
        public Task<ProductPolicy> GetProductPolicyAsync(string policyId, string productId, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<ScopedPolicyDto, ProductPolicy>(HttpMethod.Get, ProductPath(policyId, productId), null, context, cancellationToken, ToProductPolicy);

        /// <summary>The policy's value for one offer type (e.g. SaaS).</summary>
        public Task<OfferTypePolicy> GetOfferTypePolicyAsync(string policyId, string offerType, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<ScopedPolicyDto, OfferTypePolicy>(HttpMethod.Get, OfferTypePath(policyId, offerType), null, context, cancellationToken, ToOfferTypePolicy);

        /// <summary>Sets the policy's value for one product and returns the product's policy as the service now has it. The call is idempotent, so it is retried on throttling and transient failures.</summary>
        public Task<ProductPolicy> UpdateProductPolicyAsync(string policyId, string productId, string value, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<ScopedPolicyDto, ProductPolicy>(HttpMethod.Put, ProductPath(policyId, productId), ValueBody(value), context, cancellationToken, ToProductPolicy);

        /// <summary>Sets the policy's value for one offer type and returns it as the service now has it.</summary>
        public Task<OfferTypePolicy> UpdateOfferTypePolicyAsync(string policyId, string offerType, string value, RequestContext? context, CancellationToken cancellationToken) =>
            FetchAsync<ScopedPolicyDto, OfferTypePolicy>(HttpMethod.Put, OfferTypePath(policyId, offerType), ValueBody(value), context, cancellationToken, ToOfferTypePolicy);

        /// <summary>
        /// Forgets a person's sign-in: their account leaves the token cache, and for ContextScope
        /// CurrentUser the persisted one too, so that the next sign-in asks them again. Apps and tokens
        /// given by the caller have nothing to forget.
        /// </summary>
        public Task SignOutAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return (Tokens is ObservedTokenProvider observed ? observed.Inner : Tokens) is MsalTokenProvider msal ? msal.ForgetAsync() : Task.CompletedTask;
        }

        /// <summary>Releases the client's HTTP connections and its sign-in.</summary>
        public void Dispose()
        {
            _http.Dispose();
            _handlers.Dispose();
        }

        /// <summary>Sends, reads the JSON answer and maps it; an answer that does not map is unreadable, like one that does not parse.</summary>
        private async Task<TOut> FetchAsync<TDto, TOut>(HttpMethod method, string path, string? body, RequestContext? context, CancellationToken cancellationToken, Func<TDto, TOut> map, bool safeToRepeat = false)
            where TDto : class
        {
            var (dto, correlationId) = await SendAsync<TDto>(method, path, body, context, cancellationToken, safeToRepeat: safeToRepeat).ConfigureAwait(false);
            return Mapped(dto, map, method, path, correlationId);
        }

        private static TOut Mapped<TDto, TOut>(TDto dto, Func<TDto, TOut> map, HttpMethod method, string path, string? correlationId)
        {
            try
            {
                return map(dto);
            }
            catch (JsonException error)
            {
                throw Unreadable(method, path, correlationId, error.Message);
            }
        }

        // safeToRepeat: a POST or PATCH the service carries out once however often it is sent, so it may be retried like a PUT.
        private async Task<(T Body, string? CorrelationId)> SendAsync<T>(HttpMethod method, string path, string? body, RequestContext? context, CancellationToken cancellationToken, string? resource = null, bool safeToRepeat = false)
            where T : class
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.RelativeOrAbsolute));
            if (safeToRepeat)
            {
                RetryHandler.MarkSafeToRepeat(request);
            }

            if (resource != null)
            {
                AttemptHandler.ForResource(request, resource);
            }

            request.Headers.Add(CorrelationHeader, Guid.NewGuid().ToString());
            request.Headers.Accept.ParseAdd("application/json");
            if (body != null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            (context ?? new RequestContext()).AttachTo(request);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceDownException error)
            {
                var pause = $"The connection sends again after {error.BreakDuration.TotalSeconds:0.#} s, to see whether the service is back.";
                throw error.Sent
                    ? new CommerceServiceException(CommerceErrorKind.ServiceUnavailable, null, CommerceErrorCodes.ServiceDown,
                        $"The licensing service at {Endpoint} failed {method} /{path} and nearly every recent call of this connection; it seems down, so the call was not retried. {pause}", null, error)
                    : new CommerceServiceException(CommerceErrorKind.ServiceUnavailable, null, CommerceErrorCodes.NotSent,
                        $"Not sent: the licensing service at {Endpoint} seems down (nearly every recent call of this connection failed), so {method} /{path} was not sent. {pause}", null, error);
            }
            catch (Exception error) when ((error is HttpRequestException || error is TimeoutException) && !cancellationToken.IsCancellationRequested)
            {
                throw new CommerceServiceException(CommerceErrorKind.Connection, null, CommerceErrorCodes.ConnectionFailed,
                    $"The licensing service at {Endpoint} could not be reached: {FailureReason.Of(error)}", null, error);
            }

            using (response)
            {
                var correlationId = response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.FirstOrDefault() : null;
                // Parsed from the UTF-8 bytes as they came: a page of a thousand purchases is not copied into a string first.
                var answer = response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    var error = ErrorFrom(response, Encoding.UTF8.GetString(answer), correlationId);
                    error.Retried = RetryHandler.WasRetried(request);
                    throw error;
                }

                if (typeof(T) == typeof(NoAnswer) && response.StatusCode == HttpStatusCode.NoContent)
                {
                    return ((T)(object)NoAnswer.Value, correlationId);
                }

                return (Read<T>(answer, response, method, path, correlationId), correlationId);
            }
        }

        private static CommerceServiceException ErrorFrom(HttpResponseMessage response, string text, string? correlationId)
        {
            var error = TryRead<ErrorDto>(text);
            var kind = CommerceServiceException.KindOf(response.StatusCode);
            var reason = error?.Reason ?? (string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase!);
            if (RetryHandler.IsTransient(response.StatusCode))
            {
                reason = $"{reason} The service still refused after the retries allowed.";
            }

            return new CommerceServiceException(kind, response.StatusCode, error?.ErrorCode ?? response.StatusCode.ToString(), reason, correlationId)
            {
                MissingLicences = error?.MissingLicences,
            };
        }

        private static T Read<T>(byte[] body, HttpResponseMessage response, HttpMethod method, string path, string? correlationId)
            where T : class
        {
            var mediaType = response.Content?.Headers.ContentType?.MediaType;
            if (mediaType == null || !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
            {
                throw Unreadable(method, path, correlationId, $"it sent '{mediaType ?? "no content type"}' instead of JSON");
            }

            if (body.All(b => b == ' ' || b == '\t' || b == '\r' || b == '\n'))
            {
                throw Unreadable(method, path, correlationId, "its answer was empty");
            }

            try
            {
                return JsonSerializer.Deserialize<T>(body, Json) ?? throw Unreadable(method, path, correlationId, "its answer was null");
            }
            catch (JsonException error)
            {
                throw Unreadable(method, path, correlationId, $"its JSON is broken ({error.Message})");
            }
        }

        private static CommerceServiceException Unreadable(HttpMethod method, string path, string? correlationId, string why) =>
            new CommerceServiceException(CommerceErrorKind.InvalidAnswer, null, CommerceErrorCodes.UnreadableAnswer, $"The licensing service's answer to {method} /{path} could not be read: {why}.", correlationId);

        private static T? TryRead<T>(string body)
            where T : class
        {
            try
            {
                return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<T>(body, Json);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static Policy ToPolicy(PolicyDto dto) => new Policy(Required(dto.Id, "id"), dto.Description ?? "", dto.DefaultValue ?? "");

        private static ProductPolicy ToProductPolicy(ScopedPolicyDto dto) =>
            new ProductPolicy(dto.ProductName ?? dto.ProductId ?? "", Required(dto.ProductId, "productId"), Required(dto.PolicyId, "policyId"), Required(dto.PolicyValue, "policyValue"));

        private static OfferTypePolicy ToOfferTypePolicy(ScopedPolicyDto dto) =>
            new OfferTypePolicy(Required(dto.PolicyId, "policyId"), Required(dto.PolicyValue, "policyValue"), Required(dto.ScopeId, "scopeId"), dto.ScopeValue ?? dto.ScopeId!);

        private static string Required(string? value, string name) =>
            value ?? throw new JsonException($"The property '{name}' is missing.");

        private static string ProductPath(string policyId, string productId) => $"v1.0/policies/{Escape(policyId)}/products/{Escape(productId)}";

        private static string OfferTypePath(string policyId, string offerType) => $"v1.0/policies/{Escape(policyId)}/offerTypes/{Escape(offerType)}";

        private static string ValueBody(string value) => JsonSerializer.Serialize(new { policyValue = value });

        private static string Escape(string segment) => Uri.EscapeDataString(segment);

        private static Uri EnsureTrailingSlash(Uri uri) =>
            uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");

        /// <summary>What a call answered with 204 No Content reads as.</summary>
        private sealed class NoAnswer
        {
            public static readonly NoAnswer Value = new NoAnswer();
        }

        private sealed class ItemsDto<T>
        {
            public List<T> Items { get; set; } = new List<T>();
        }

        private sealed class PolicyDto
        {
            public string? Id { get; set; }
            public string? Description { get; set; }
            public string? DefaultValue { get; set; }
        }

        private sealed class ScopedPolicyDto
        {
            public string? PolicyId { get; set; }
            public string? ProductId { get; set; }
            public string? ProductName { get; set; }
            public string? PolicyValue { get; set; }
            public string? ScopeId { get; set; }
            public string? ScopeValue { get; set; }
        }

        private sealed class ErrorDto
        {
            public string? ErrorCode { get; set; }
            public string? Reason { get; set; }
            public int? MissingLicences { get; set; }
        }
    }
}
