using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using MSCommerce.Client.Http;

namespace MSCommerce.Client.Auth
{
    /// <summary>
    /// Tokens from MSAL, kept in MSAL's in-memory cache and renewed silently when they expire: app
    /// sign-in with a secret or a certificate, device code and interactive browser for people,
    /// managed identity for Azure resources.
    /// </summary>
    internal sealed partial class MsalTokenProvider : ITokenProvider
    {
        private readonly Func<MsalTokenProvider, string[], bool, CancellationToken, Task<AuthenticationResult>> _acquire;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly Dictionary<string, AccessToken> _current = new Dictionary<string, AccessToken>(StringComparer.OrdinalIgnoreCase);
        private readonly string _resource;

        private Func<IAccount?, Task>? _forget;
        private IAccount? _account;

        private MsalTokenProvider(string method, string resource, Func<MsalTokenProvider, string[], bool, CancellationToken, Task<AuthenticationResult>> acquire)
        {
            Method = method;
            _resource = resource;
            _acquire = acquire;
        }

        /// <summary>How the person signed in: Interactive, or DeviceCode when no browser could open.</summary>
        public string Method { get; private set; }

        public static MsalTokenProvider ForClientSecret(SignInOptions signIn, CommerceClientOptions client, HttpHandlerFactory http, string secret, Action<string>? log) =>
            ForConfidentialClient("ClientSecret", Confidential(signIn, client, http, log).WithClientSecret(secret).Build(), signIn);

        public static MsalTokenProvider ForCertificate(SignInOptions signIn, CommerceClientOptions client, HttpHandlerFactory http, X509Certificate2 certificate, Action<string>? log)
        {
            if (!certificate.HasPrivateKey)
            {
                throw new SignInException($"The certificate {certificate.Subject} ({certificate.Thumbprint}) has no private key, so it cannot sign the app's sign-in.", SignInErrorKind.InvalidCredential);
            }

            return ForConfidentialClient("Certificate", Confidential(signIn, client, http, log).WithCertificate(certificate, true).Build(), signIn);
        }

        /// <summary>
        /// Workload identity federation: MSAL asks for the assertion each time it needs a token from the identity
        /// provider, and the source reads or requests a fresh federated token then, so renewals never present a stale one.
        /// </summary>
        public static MsalTokenProvider ForFederatedToken(SignInOptions signIn, CommerceClientOptions client, HttpHandlerFactory http, FederatedTokenSource source, Action<string>? log)
        {
            var app = Confidential(signIn, client, http, log)
                .WithClientAssertion((AssertionRequestOptions options) => source.ReadAsync(http.GetHttpClient(), options.CancellationToken))
                .Build();
            return ForConfidentialClient("FederatedToken", app, signIn);
        }

        public static MsalTokenProvider ForDeviceCode(SignInOptions signIn, CommerceClientOptions client, HttpHandlerFactory http, Func<string, Task> showMessage, Action<string>? log)
        {
            var app = Public(signIn, client, http, log).Build();
            var remembered = new RememberedAccount(app, signIn, client, showMessage);
            return new MsalTokenProvider("DeviceCode", signIn.Resource, async (provider, scopes, firstSignIn, cancel) =>
                await remembered.SilentAsync(scopes, firstSignIn, cancel).ConfigureAwait(false)
                ?? await DeviceCodeAsync(app, scopes, showMessage, cancel).ConfigureAwait(false)) { _forget = remembered.ForgetAsync }
                .InTenants(SilentlyInTenant(app), inTurn: true);
        }

        /// <summary>
        /// A person in the system browser, through MSAL (PKCE, loopback redirect). Where no browser can open
        /// (no display, an SSH session, a launcher that fails), the device code, after a message that says why.
        /// </summary>
        public static MsalTokenProvider ForInteractiveBrowser(SignInOptions signIn, CommerceClientOptions client, HttpHandlerFactory http, Func<string, Task> showMessage, Action<string>? log)
        {
            var app = Public(signIn, client, http, log).Build();
            var remembered = new RememberedAccount(app, signIn, client, showMessage);
            return new MsalTokenProvider("Interactive", signIn.Resource, async (provider, scopes, firstSignIn, cancel) =>
            {
                var silent = await remembered.SilentAsync(scopes, firstSignIn, cancel).ConfigureAwait(false);
                if (silent != null)
                {
                    return silent;
                }

                var unavailable = BrowserLauncher.Unavailable();
                if (unavailable == null)
                {
                    try
                    {
                        return await app.AcquireTokenInteractive(scopes)
                            .WithUseEmbeddedWebView(false)
                            .WithSystemWebViewOptions(new SystemWebViewOptions { OpenBrowserAsync = BrowserLauncher.OpenAsync })
                            .WithPrompt(Prompt.SelectAccount)
                            .ExecuteAsync(cancel).ConfigureAwait(false);
                    }
                    catch (Exception error) when (Unwrap<BrowserUnavailableException>(error) is { } launch)
                    {
                        unavailable = launch.Message;
                    }
                }

                await showMessage($"No browser could be opened to sign in: {unavailable}. Signing in with a device code instead (-UseDeviceCode does so directly).").ConfigureAwait(false);
                provider.Method = "DeviceCode";
                return await DeviceCodeAsync(app, scopes, showMessage, cancel).ConfigureAwait(false);
            }) { _forget = remembered.ForgetAsync }
                .InTenants(SilentlyInTenant(app), inTurn: true);
        }

        private static Task<AuthenticationResult> DeviceCodeAsync(IPublicClientApplication app, string[] scopes, Func<string, Task> showMessage, CancellationToken cancel) =>
            app.AcquireTokenWithDeviceCode(scopes, result => showMessage(result.Message)).ExecuteAsync(cancel);

        private static T? Unwrap<T>(Exception? error)
            where T : Exception
        {
            while (error != null)
            {
                if (error is T found)
                {
                    return found;
                }

                error = error.InnerException;
            }

            return null;
        }

        public static MsalTokenProvider ForManagedIdentity(SignInOptions signIn, HttpHandlerFactory http, string? userAssignedClientId, Action<string>? log)
        {
            var id = string.IsNullOrEmpty(userAssignedClientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.WithUserAssignedClientId(userAssignedClientId);
            var builder = ManagedIdentityApplicationBuilder.Create(id).WithHttpClientFactory(http);
            if (log != null)
            {
                builder = builder.WithLogging((level, message, pii) => log(message), LogLevel.Verbose, false);
            }

            var app = builder.Build();
            return new MsalTokenProvider("ManagedIdentity", signIn.Resource, (provider, scopes, firstSignIn, cancel) => app.AcquireTokenForManagedIdentity(WithoutDefaultSuffix(scopes[0])).ExecuteAsync(cancel));
        }

        /// <summary>Forgets the person's sign-in: their account leaves the token cache, the persisted one included.</summary>
        public Task ForgetAsync() => _forget?.Invoke(_account) ?? Task.CompletedTask;

        /// <summary>Signs in now (showing a device code or a browser if the method needs one), so that Connect-MSCommerce fails early.</summary>
        public Task<AccessToken> SignInAsync(CancellationToken cancellationToken) => AcquireAsync(_resource, firstSignIn: true, cancellationToken);

        public Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken) => AcquireAsync(_resource, firstSignIn: false, cancellationToken);

        public Task<AccessToken> GetTokenForAsync(string resource, CancellationToken cancellationToken) => AcquireAsync(resource, firstSignIn: false, cancellationToken);

        private async Task<AccessToken> AcquireAsync(string resource, bool firstSignIn, CancellationToken cancellationToken)
        {
            AccessToken? cached;
            lock (_current)
            {
                _current.TryGetValue(resource, out cached);
            }

            if (cached?.ExpiresOn is DateTimeOffset expires && expires > DateTimeOffset.UtcNow.AddMinutes(1) && !firstSignIn)
            {
                return cached;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await _acquire(this, new[] { resource }, firstSignIn, cancellationToken).ConfigureAwait(false);
                _account = result.Account ?? _account;
                var described = TokenClaims.Describe(result.AccessToken);
                var token = new AccessToken(result.AccessToken, result.ExpiresOn, result.Account?.Username ?? described.Account, described.TenantId ?? result.TenantId, described.Roles);
                lock (_current)
                {
                    _current[resource] = token;
                }

                return token;
            }
            catch (MsalUiRequiredException error)
            {
                throw new SignInException($"The sign-in has ended and cannot be renewed without you ({error.Message}). Run Connect-MSCommerce again.", error.ErrorCode, error);
            }
            catch (MsalServiceException error)
            {
                throw new SignInException($"Sign-in was refused: {FirstLine(error.Message)}", error.ErrorCode, error);
            }
            catch (MsalClientException error)
            {
                throw new SignInException($"Sign-in failed: {FirstLine(error.Message)}", error.ErrorCode, error);
            }
            catch (Exception error) when (error is System.Net.Http.HttpRequestException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The identity provider was not reached at all: a network failure, not a refused sign-in.
                throw new CommerceServiceException(CommerceErrorKind.Connection, null, CommerceErrorCodes.ConnectionFailed,
                    $"The identity provider could not be reached to sign in: {FailureReason.Of(error)}", null, error);
            }
            finally
            {
                _gate.Release();
            }
        }

        private static MsalTokenProvider ForConfidentialClient(string method, IConfidentialClientApplication app, SignInOptions signIn)
        {
            // MSAL's app-token cache answers until shortly before expiry, then asks the identity provider again.
            return new MsalTokenProvider(method, signIn.Resource, (provider, scopes, firstSignIn, cancel) => app.AcquireTokenForClient(scopes).ExecuteAsync(cancel)).InTenants(AppInTenant(app), inTurn: false);
        }

        private static ConfidentialClientApplicationBuilder Confidential(SignInOptions signIn, CommerceClientOptions client, HttpHandlerFactory http, Action<string>? log)
        {
            if (signIn.TenantId == "organizations" || signIn.TenantId == "common")
            {
                throw new SignInException("App sign-in needs the tenant: give -TenantId (the tenant id or its domain, e.g. contoso.onmicrosoft.com).", null);
            }

            var builder = ConfidentialClientApplicationBuilder.Create(signIn.ClientId)
                .WithAuthority(signIn.Authority(client).AbsoluteUri, signIn.ValidateAuthority(client))
                .WithHttpClientFactory(http);
            builder = signIn.ValidateAuthority(client) ? builder : builder.WithInstanceDiscovery(false);
            return log == null ? builder : builder.WithLogging((level, message, pii) => log(message), LogLevel.Verbose, false);
        }

        private static PublicClientApplicationBuilder Public(SignInOptions signIn, CommerceClientOptions client, HttpHandlerFactory http, Action<string>? log)
        {
            var builder = PublicClientApplicationBuilder.Create(signIn.ClientId)
                .WithAuthority(signIn.Authority(client).AbsoluteUri, signIn.ValidateAuthority(client))
                .WithRedirectUri(signIn.RedirectUri)
                .WithHttpClientFactory(http);
            builder = signIn.ValidateAuthority(client) ? builder : builder.WithInstanceDiscovery(false);
            return log == null ? builder : builder.WithLogging((level, message, pii) => log(message), LogLevel.Verbose, false);
        }

        private static string WithoutDefaultSuffix(string scope) =>
            scope.EndsWith("/.default", StringComparison.Ordinal) ? scope.Substring(0, scope.Length - "/.default".Length) : scope;

        private static string FirstLine(string message) => message.Split('\n').First().Trim();
    }
}
