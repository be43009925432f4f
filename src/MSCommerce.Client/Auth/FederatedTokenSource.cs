using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Auth
{
    /// <summary>
    /// Where the federated token of a workload identity sign-in comes from: a token given once, a file
    /// (read again at every renewal, as Azure workload identity rotates AZURE_FEDERATED_TOKEN_FILE), or the
    /// CI system's own issuer (GitHub Actions, Azure Pipelines), asked for a fresh token at every renewal,
    /// so a job longer than the CI token's lifetime stays signed in.
    /// </summary>
    public sealed class FederatedTokenSource
    {
        /// <summary>The audience Entra expects in federated tokens.</summary>
        public const string ExchangeAudience = "api://AzureADTokenExchange";

        private const int MaxTokenLength = 16 * 1024;

        private readonly Func<HttpClient, CancellationToken, Task<string>> _read;

        private FederatedTokenSource(string name, Func<HttpClient, CancellationToken, Task<string>> read)
        {
            Name = name;
            _read = read;
        }

        /// <summary>Token, File, GitHubActions or AzurePipelines.</summary>
        public string Name { get; }

        /// <summary>Whether a renewal gets a new token (every source but a token given once).</summary>
        public bool Renews => Name != "Token";

        /// <summary>A token given once: it is not renewed, so the sign-in ends when it expires.</summary>
        public static FederatedTokenSource FromToken(string token)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new ArgumentException("The federated token is empty.", nameof(token));
            }

            return new FederatedTokenSource("Token", (_, __) => Task.FromResult(token.Trim()));
        }

        /// <summary>A file holding the token, read again each time a token is needed.</summary>
        public static FederatedTokenSource FromFile(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("The federated token file path is empty.", nameof(path));
            }

            return new FederatedTokenSource("File", (_, __) => Task.FromResult(ReadFile(path)));
        }

        /// <summary>
        /// GitHub Actions' ID-token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL with ACTIONS_ID_TOKEN_REQUEST_TOKEN;
        /// the job needs <c>permissions: id-token: write</c>), asked for a token for <paramref name="audience"/>.
        /// </summary>
        public static FederatedTokenSource FromGitHubActions(Uri requestUrl, string requestToken, string audience = ExchangeAudience)
        {
            var separator = requestUrl.Query.Length > 0 ? "&" : "?";
            var url = new Uri(requestUrl.AbsoluteUri + separator + "audience=" + Uri.EscapeDataString(audience));
            return new FederatedTokenSource("GitHubActions", (http, cancel) =>
                RequestAsync(http, HttpMethod.Get, url, requestToken, "value", "GitHub Actions", cancel));
        }

        /// <summary>
        /// Azure Pipelines' OIDC endpoint (SYSTEM_OIDCREQUESTURI with SYSTEM_ACCESSTOKEN) for a service connection
        /// (its id: AZURESUBSCRIPTION_SERVICE_CONNECTION_ID, as the Azure tasks set it).
        /// </summary>
        public static FederatedTokenSource FromAzurePipelines(Uri oidcRequestUri, string accessToken, string serviceConnectionId)
        {
            var separator = oidcRequestUri.Query.Length > 0 ? "&" : "?";
            var url = new Uri(oidcRequestUri.AbsoluteUri + separator + "api-version=7.1&serviceConnectionId=" + Uri.EscapeDataString(serviceConnectionId));
            return new FederatedTokenSource("AzurePipelines", (http, cancel) =>
                RequestAsync(http, HttpMethod.Post, url, accessToken, "oidcToken", "Azure Pipelines", cancel));
        }

        /// <summary>
        /// The source the environment offers, looked for in this order: GitHub Actions, Azure Pipelines, a token
        /// file (AZURE_FEDERATED_TOKEN_FILE); null when it offers none. <paramref name="only"/> limits the search to one kind.
        /// </summary>
        public static FederatedTokenSource? FromEnvironment(Func<string, string?> variable, string? only, out string? missing)
        {
            missing = null;
            if (only == null || only == "GitHubActions")
            {
                var url = variable("ACTIONS_ID_TOKEN_REQUEST_URL");
                var token = variable("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
                if (!string.IsNullOrEmpty(url) && !string.IsNullOrEmpty(token) && Uri.TryCreate(url, UriKind.Absolute, out var requestUrl))
                {
                    return FromGitHubActions(requestUrl, token!);
                }

                missing = "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN (give the job 'permissions: id-token: write')";
            }

            if (only == null || only == "AzurePipelines")
            {
                var uri = variable("SYSTEM_OIDCREQUESTURI");
                var token = variable("SYSTEM_ACCESSTOKEN");
                var connection = variable("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID");
                if (!string.IsNullOrEmpty(uri) && !string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(connection) && Uri.TryCreate(uri, UriKind.Absolute, out var requestUri))
                {
                    return FromAzurePipelines(requestUri, token!, connection!);
                }

                missing = only == null ? missing : "SYSTEM_OIDCREQUESTURI, SYSTEM_ACCESSTOKEN (map $(System.AccessToken) into the step's env) and AZURESUBSCRIPTION_SERVICE_CONNECTION_ID";
            }

            if (only == null || only == "File")
            {
                var file = variable("AZURE_FEDERATED_TOKEN_FILE");
                if (!string.IsNullOrEmpty(file))
                {
                    return FromFile(file!);
                }

                missing = only == null ? missing : "AZURE_FEDERATED_TOKEN_FILE";
            }

            return null;
        }

        internal Task<string> ReadAsync(HttpClient http, CancellationToken cancellationToken) => _read(http, cancellationToken);

        private static string ReadFile(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8).Trim();
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                throw new SignInException($"The federated token file '{path}' could not be read: {error.Message}", null, error);
            }

            if (text.Length == 0 || text.Length > MaxTokenLength)
            {
                throw new SignInException($"The federated token file '{path}' holds no token (it is empty or longer than {MaxTokenLength} characters).", null);
            }

            return text;
        }

        private static async Task<string> RequestAsync(HttpClient http, HttpMethod method, Uri url, string bearer, string member, string system, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            string text;
            System.Net.HttpStatusCode status;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                status = response.StatusCode;
                text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (HttpRequestException error)
            {
                throw new SignInException($"{system} could not be asked for a federated token ({url.GetLeftPart(UriPartial.Path)}): {error.Message}", null, error);
            }

            if ((int)status < 200 || (int)status > 299)
            {
                throw new SignInException($"{system} refused the federated token request ({url.GetLeftPart(UriPartial.Path)}): {(int)status}. Check that the job may request ID tokens.", null);
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(member, out var value)
                    && value.ValueKind == JsonValueKind.String && value.GetString() is string token && token.Length > 0)
                {
                    return token;
                }
            }
            catch (JsonException)
            {
            }

            throw new SignInException($"{system} answered the federated token request without a token ('{member}').", null);
        }
    }
}
