using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;
using MSCommerce.Client.Auth;

namespace MSCommerce.Client.Http
{
    /// <summary>
    /// The one place HTTP handlers are made, for the REST calls and for MSAL's token calls alike, so
    /// that the proxy, TLS 1.2+ and the trusted certificate of the local commerce service apply to both.
    /// </summary>
    internal sealed class HttpHandlerFactory : IMsalHttpClientFactory, IDisposable
    {
        private readonly CommerceClientOptions _options;
        private readonly Lazy<HttpClient> _msalClient;
        private readonly Lazy<HttpMessageHandler> _shared;
        private readonly HttpHandlerFactory? _sharing;

        public HttpHandlerFactory(CommerceClientOptions options)
        {
            _options = options;
            SystemRootsWarmUp.Start();
            _msalClient = new Lazy<HttpClient>(() => new HttpClient(CreateHandler()) { Timeout = options.RequestTimeout });
            _shared = new Lazy<HttpMessageHandler>(NewHandler);
        }

        private HttpHandlerFactory(HttpHandlerFactory sharing)
            : this(sharing._options)
        {
            _sharing = sharing;
        }

        /// <summary>
        /// A factory whose handlers all use one pool of connections owned by <paramref name="owner"/>: the clients of a
        /// partner's customers reuse the same few TLS connections to the service instead of opening their own per tenant.
        /// Disposing it leaves the pool to its owner.
        /// </summary>
        public static HttpHandlerFactory SharingConnectionsOf(HttpHandlerFactory owner) => new HttpHandlerFactory(owner._sharing ?? owner);

        /// <summary>
        /// The handlers every REST call of a connection goes through, outermost first: retry the call, stop
        /// sending while the service is down, hold back while the tenant is throttled, then one attempt with
        /// its token and timeout. The breaker and the hold-back see each attempt; they apply with retries off too.
        /// </summary>
        public HttpMessageHandler CreatePipeline(ITokenProvider tokens) =>
            new RetryHandler(_options,
                new CircuitBreakerHandler(_options,
                    new ThrottleHoldBackHandler(
                        new AttemptHandler(_options, tokens, CreateHandler()))));

        public HttpMessageHandler CreateHandler() =>
            _sharing == null ? NewHandler() : new NotDisposingInner(_sharing._shared.Value);

        private HttpMessageHandler NewHandler()
        {
            var handler = new HttpClientHandler
            {
                SslProtocols = SslProtocols.Tls12 | (SslProtocols)12288, // Tls13, not named in netstandard2.0
                AllowAutoRedirect = false,
            };
            if (_options.Proxy != null)
            {
                handler.Proxy = _options.Proxy;
                handler.UseProxy = true;
            }

            if (_options.TrustedCertificate is X509Certificate2 trusted)
            {
                var thumbprint = trusted.Thumbprint;
                handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
                    errors == SslPolicyErrors.None
                    || (certificate != null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase)
                        && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0);
            }

            return handler;
        }

        /// <summary>MSAL's HttpClient: the same handler settings, without our retry and token handlers (MSAL retries itself).</summary>
        public HttpClient GetHttpClient() => _msalClient.Value;

        public void Dispose()
        {
            if (_msalClient.IsValueCreated)
            {
                _msalClient.Value.Dispose();
            }

            if (_shared.IsValueCreated)
            {
                _shared.Value.Dispose();
            }
        }

        /// <summary>The connection pool of another factory, passed on to a client's pipeline that must not dispose it.</summary>
        private sealed class NotDisposingInner : DelegatingHandler
        {
            public NotDisposingInner(HttpMessageHandler shared)
                : base(shared)
            {
            }

            protected override void Dispose(bool disposing)
            {
                // The pool belongs to the factory that made it; the base class would dispose it with this client.
            }
        }
    }
}
