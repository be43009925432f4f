using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Http;

namespace MSCommerce.Client
{
    /// <summary>How a connection signs in; <see cref="CommerceConnector"/> turns it into tokens.</summary>
    public sealed class SignIn
    {
        private readonly Func<CommerceClientOptions, HttpHandlerFactory, ITokenProvider> _tokens;

        private SignIn(Func<CommerceClientOptions, HttpHandlerFactory, ITokenProvider> tokens) => _tokens = tokens;

        /// <summary>A token obtained elsewhere; it is never renewed.</summary>
        public static SignIn WithAccessToken(string accessToken) => new SignIn((_, __) => new StaticTokenProvider(accessToken));

        /// <summary>An app with a client secret.</summary>
        public static SignIn WithClientSecret(SignInOptions options, string secret, Action<string>? log = null) =>
            new SignIn((client, http) => MsalTokenProvider.ForClientSecret(options, client, http, secret, log));

        /// <summary>An app with a certificate that holds its private key.</summary>
        public static SignIn WithCertificate(SignInOptions options, X509Certificate2 certificate, Action<string>? log = null) =>
            new SignIn((client, http) => MsalTokenProvider.ForCertificate(options, client, http, certificate, log));

        /// <summary>An app with no secret: a federated token from <paramref name="source"/>, which a federated credential of the app trusts.</summary>
        public static SignIn WithFederatedToken(SignInOptions options, FederatedTokenSource source, Action<string>? log = null) =>
            new SignIn((client, http) => MsalTokenProvider.ForFederatedToken(options, client, http, source, log));

        /// <summary>A person, through the device-code flow: <paramref name="showMessage"/> tells them where to enter which code.</summary>
        public static SignIn WithDeviceCode(SignInOptions options, Func<string, Task> showMessage, Action<string>? log = null) =>
            new SignIn((client, http) => MsalTokenProvider.ForDeviceCode(options, client, http, showMessage, log));

        /// <summary>A person, in the system browser; where none can open, through the device code.</summary>
        public static SignIn WithInteractiveBrowser(SignInOptions options, Action<string>? log = null) =>
            WithInteractiveBrowser(options, _ => Task.CompletedTask, log);

        /// <summary>
        /// A person, in the system browser (PKCE, loopback redirect); where none can open (no display, an SSH
        /// session, a launcher that fails), through the device code. <paramref name="showMessage"/> tells
        /// them what happens: why no browser opened, the device code, where the sign-in is remembered.
        /// </summary>
        public static SignIn WithInteractiveBrowser(SignInOptions options, Func<string, Task> showMessage, Action<string>? log = null) =>
            new SignIn((client, http) => MsalTokenProvider.ForInteractiveBrowser(options, client, http, showMessage, log));

        /// <summary>The managed identity of the Azure resource the code runs on (user-assigned when a client id is given).</summary>
        public static SignIn WithManagedIdentity(SignInOptions options, string? userAssignedClientId, Action<string>? log = null) =>
            new SignIn((_, http) => MsalTokenProvider.ForManagedIdentity(options, http, userAssignedClientId, log));

        internal ITokenProvider CreateTokens(CommerceClientOptions client, HttpHandlerFactory http) => _tokens(client, http);
    }
}
