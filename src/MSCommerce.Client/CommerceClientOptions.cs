using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace MSCommerce.Client
{
    /// <summary>Where and how a connection talks to the licensing service.</summary>
    public sealed class CommerceClientOptions
    {
        /// <summary>Microsoft's licensing service, the default <see cref="Endpoint"/>.</summary>
        public static readonly Uri LicensingService = new Uri("https://licensing.m365.microsoft.com/");
        /// <summary>Microsoft Entra ID, the default <see cref="AuthorityHost"/>.</summary>
        public static readonly Uri EntraAuthorityHost = new Uri("https://login.microsoftonline.com/");
        /// <summary>Microsoft Graph, the default <see cref="GraphEndpoint"/>.</summary>
        public static readonly Uri MicrosoftGraph = new Uri("https://graph.microsoft.com/");
        /// <summary>The scope of Graph tokens, for the purchases read from Graph.</summary>
        public const string GraphResource = "https://graph.microsoft.com/.default";

        /// <summary>The licensing service's base address (or the local commerce service's).</summary>
        public Uri Endpoint { get; set; } = LicensingService;

        /// <summary>Microsoft Graph's base address, for what the licensing service does not serve (company subscriptions).</summary>
        public Uri GraphEndpoint { get; set; } = MicrosoftGraph;

        /// <summary>A server certificate to trust besides the system's roots (the local commerce service's own).</summary>
        public X509Certificate2? TrustedCertificate { get; set; }

        /// <summary>A proxy for every call; null uses the system proxy.</summary>
        public IWebProxy? Proxy { get; set; }

        /// <summary>Retries after the first attempt of a call that failed for a moment (408, 429, 5xx, network); 0 turns retries off, not the circuit breaker or the hold-back after a 429.</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>The most a call waits in total across its retries; past it the call fails.</summary>
        public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The longest one attempt may take.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>The first backoff delay when the service gives no Retry-After; it doubles (with jitter) per retry.</summary>
        public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// How long a connection stops sending once most of its recent calls failed (the service seems down):
        /// calls in that time fail at once as not sent; then one call tries whether the service is back.
        /// </summary>
        public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The identity provider: Entra for the licensing service; the local commerce service is its own.</summary>
        public Uri AuthorityHost { get; set; } = EntraAuthorityHost;
    }
}
