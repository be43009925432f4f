using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client
{
    /// <summary>Reads and changes self-service purchase policies through the licensing service's REST API.</summary>
    public sealed class CommerceClient : IDisposable
    {
        private const string CorrelationHeader = "x-ms-correlation-id";

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        private readonly HttpClient _http;
        private readonly ITokenProvider _tokens;

        public CommerceClient(Uri endpoint, ITokenProvider tokens)
        {
            if (endpoint is null) throw new ArgumentNullException(nameof(endpoint));
            _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
            _http = new HttpClient { BaseAddress = EnsureTrailingSlash(endpoint) };
        }

        public Uri Endpoint => _http.BaseAddress!;

        public async Task<IReadOnlyList<ProductPolicy>> GetProductPoliciesAsync(string policyId, CancellationToken cancellationToken)
        {
            var path = $"v1.0/policies/{Uri.EscapeDataString(policyId)}/products?scope=product";
            var page = await SendAsync<ItemsDto<ProductPolicyDto>>(HttpMethod.Get, path, cancellationToken).ConfigureAwait(false);
            return page.Items
                .Select(item => new ProductPolicy(item.ProductName ?? item.ProductId, item.ProductId, item.PolicyId, item.PolicyValue))
                .OrderBy(policy => policy.ProductId, StringComparer.Ordinal)
                .ToList();
        }

        public void Dispose() => _http.Dispose();

        private async Task<T> SendAsync<T>(HttpMethod method, string path, CancellationToken cancellationToken)
            where T : class
        {
            using var request = new HttpRequestMessage(method, path);
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add(CorrelationHeader, Guid.NewGuid().ToString());

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var correlationId = response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.FirstOrDefault() : null;
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = TryRead<ErrorDto>(body);
                throw new CommerceServiceException(response.StatusCode, error?.ErrorCode ?? response.StatusCode.ToString(), error?.Reason ?? response.ReasonPhrase ?? "No reason given.", correlationId);
            }

            return TryRead<T>(body) ?? throw new InvalidDataException($"The licensing service answered {method} {path} with a body that is not the expected JSON.");
        }

        private static T? TryRead<T>(string body)
            where T : class
        {
            try
            {
                return JsonSerializer.Deserialize<T>(body, Json);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static Uri EnsureTrailingSlash(Uri uri) =>
            uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");

        private sealed class ItemsDto<T>
        {
            public List<T> Items { get; set; } = new List<T>();
        }

        private sealed class ProductPolicyDto
        {
            public string PolicyId { get; set; } = "";
            public string ProductId { get; set; } = "";
            public string? ProductName { get; set; }
            public string PolicyValue { get; set; } = "";
        }

        private sealed class ErrorDto
        {
            public string? ErrorCode { get; set; }
            public string? Reason { get; set; }
        }
    }
}
