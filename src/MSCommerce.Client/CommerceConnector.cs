using System;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Http;

namespace MSCommerce.Client
{
    /// <summary>
    /// The one place a client is put together: one handler factory for the REST calls and for MSAL's
    /// token calls (so proxy, TLS and certificate trust apply to both), the tokens of the chosen sign-in,
    /// and the client that owns them.
    /// </summary>
    public static class CommerceConnector
    {
        /// <summary>
        /// Signs in now (showing a device code or a browser where the method needs a person), so that a
        /// wrong secret fails here, and returns the client. Every token the client obtains, the first
        /// included, is passed to <paramref name="onToken"/>: who is signed in, and until when.
        /// </summary>
        public static async Task<CommerceClient> ConnectAsync(CommerceClientOptions options, SignIn signIn, Action<AccessToken>? onToken, CancellationToken cancellationToken)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (signIn == null)
            {
                throw new ArgumentNullException(nameof(signIn));
            }

            var handlers = new HttpHandlerFactory(options);
            try
            {
                var tokens = signIn.CreateTokens(options, handlers);
                var first = tokens is MsalTokenProvider msal
                    ? await msal.SignInAsync(cancellationToken).ConfigureAwait(false)
                    : await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                onToken?.Invoke(first);
                return new CommerceClient(options, onToken == null ? tokens : new ObservedTokenProvider(tokens, onToken), handlers);
            }
            catch
            {
                handlers.Dispose();
                throw;
            }
        }

        /// <summary>
        /// A client that holds no token and is given one with every call (<c>RequestContext.TokenOverride</c>):
        /// the original module's -Token. One such client serves any number of callers and tokens, reusing its connections.
        /// </summary>
        public static CommerceClient ForTokensPerCall(CommerceClientOptions options) => WithoutSignIn(options, new CallerTokenProvider());

        /// <summary>A client for a token obtained elsewhere, without any call.</summary>
        public static CommerceClient ForAccessToken(CommerceClientOptions options, string accessToken) => WithoutSignIn(options, new StaticTokenProvider(accessToken));

        /// <summary>
        /// A client for another tenant with the same sign-in (a partner's customer): its own token, and its own
        /// throttling and circuit breaker, so that one customer's trouble holds up no other; its connections come
        /// from a pool the partner's client keeps for all its customers. The partner's client stays open; dispose this one when the tenant's work is done.
        /// Throws <see cref="SignInException"/> when the sign-in cannot reach other tenants (a token given as
        /// is, a managed identity).
        /// </summary>
        public static CommerceClient ForTenant(CommerceClient client, string tenant)
        {
            if (client == null)
            {
                throw new ArgumentNullException(nameof(client));
            }

            if (string.IsNullOrWhiteSpace(tenant))
            {
                throw new ArgumentException("The tenant is empty.", nameof(tenant));
            }

            var tokens = (client.Tokens as ITenantTokenSource)?.ForTenant(tenant.Trim())
                ?? throw new SignInException($"A connection signed in with {client.Tokens.Method} reaches its own tenant only, so it cannot get a token in '{tenant}'. Connect-MSCommerce as a person (a partner's GDAP access), or as a multi-tenant app with a certificate or a client secret.", null);
            return new CommerceClient(client.Options, tokens, HttpHandlerFactory.SharingConnectionsOf(client.Handlers));
        }

        /// <summary>Whether the client's sign-in can get tokens in other tenants (<see cref="ForTenant"/>): a person's or an app's, not a token given as is or a managed identity.</summary>
        public static bool CanReachOtherTenants(CommerceClient client) =>
            (client ?? throw new ArgumentNullException(nameof(client))).Tokens is ITenantTokenSource source && source.ForTenant("organizations") != null;

        private static CommerceClient WithoutSignIn(CommerceClientOptions options, ITokenProvider tokens)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            return new CommerceClient(options, tokens, new HttpHandlerFactory(options));
        }
    }
}
