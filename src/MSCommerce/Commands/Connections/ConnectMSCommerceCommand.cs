using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Connections;

namespace MSCommerce.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "MSCommerce", DefaultParameterSetName = InteractiveSet, HelpUri = HelpLinks.Base + "Connect-MSCommerce.md")]
    [OutputType(typeof(MSCommerceConnection))]
    public sealed class ConnectMSCommerceCommand : AsyncCmdlet
    {
        private const string InteractiveSet = "Interactive";
        private const string DeviceCodeSet = "DeviceCode";
        private const string ClientSecretSet = "ClientSecret";
        private const string ClientSecretCredentialSet = "ClientSecretCredential";
        private const string CertificateThumbprintSet = "CertificateThumbprint";
        private const string CertificateSet = "Certificate";
        private const string CertificatePathSet = "CertificatePath";
        private const string IdentitySet = "ManagedIdentity";
        private const string AccessTokenSet = "AccessToken";
        private const string FederatedTokenSet = "FederatedToken";
        private const string FederatedTokenFileSet = "FederatedTokenFile";
        private const string FederatedTokenSourceSet = "FederatedTokenSource";

        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [Parameter(ParameterSetName = IdentitySet)]
        [Parameter(Mandatory = true, ParameterSetName = FederatedTokenSet)]
        [Parameter(Mandatory = true, ParameterSetName = FederatedTokenFileSet)]
        [Parameter(Mandatory = true, ParameterSetName = FederatedTokenSourceSet)]
        [ValidateNotNullOrEmpty]
        [Alias("ApplicationId", "AppId")]
        public string ClientId { get; set; } = SignInOptions.DefaultClientId;

        [Parameter(ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string RedirectUri { get; set; } = SignInOptions.DefaultRedirectUri;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Resource { get; set; } = SignInOptions.DefaultResource;

        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretCredentialSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [Parameter(Mandatory = true, ParameterSetName = FederatedTokenSet)]
        [Parameter(Mandatory = true, ParameterSetName = FederatedTokenFileSet)]
        [Parameter(Mandatory = true, ParameterSetName = FederatedTokenSourceSet)]
        [ValidateNotNullOrEmpty]
        [Alias("Tenant")]
        public string? TenantId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        [Alias("UseDeviceAuthentication", "DeviceCode")]
        public SwitchParameter UseDeviceCode { get; set; }

        /// <summary>How long a person's sign-in is remembered: for the user of this machine (the default), or this process only.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        public Connections.ContextScope ContextScope { get; set; } = Connections.ContextScope.CurrentUser;

        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNull]
        public SecureString ClientSecret { get; set; } = null!;

        /// <summary>The app id as the user name and the secret as the password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretCredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential ClientSecretCredential { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [ValidateNotNullOrEmpty]
        public string CertificateThumbprint { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [ValidateNotNull]
        public X509Certificate2 Certificate { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [ValidateNotNullOrEmpty]
        public string CertificatePath { get; set; } = null!;

        [Parameter(ParameterSetName = CertificatePathSet)]
        public SecureString? CertificatePassword { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdentitySet)]
        public SwitchParameter Identity { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; } = null!;

        /// <summary>A federated token (workload identity federation) that a federated credential of the app trusts; used as given, never renewed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FederatedTokenSet)]
        [ValidateNotNull]
        public SecureString FederatedToken { get; set; } = null!;

        /// <summary>A file holding the federated token, read again at every renewal (AZURE_FEDERATED_TOKEN_FILE's way).</summary>
        [Parameter(Mandatory = true, ParameterSetName = FederatedTokenFileSet)]
        [ValidateNotNullOrEmpty]
        public string FederatedTokenFile { get; set; } = null!;

        /// <summary>Where to get a fresh federated token at every renewal: the CI's issuer or AZURE_FEDERATED_TOKEN_FILE.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FederatedTokenSourceSet)]
        [ValidateSet(FederatedSignIn.GitHubActions, FederatedSignIn.AzurePipelines, FederatedSignIn.File)]
        public string FederatedTokenSource { get; set; } = null!;

        /// <summary>The licensing service's base address; the local commerce service's for rehearsals.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri Endpoint { get; set; } = CommerceClientOptions.LicensingService;

        /// <summary>The identity provider; by default Entra, or the -Endpoint when one is given (the local commerce service is its own).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? AuthorityHost { get; set; }

        /// <summary>A server certificate to trust for -Endpoint (the local commerce service's .cer file or certificate).</summary>
        [Parameter]
        [ValidateNotNull]
        public X509Certificate2? TrustedCertificate { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetryCount { get; set; } = 5;

        [Parameter]
        [ValidateRange(0, 3600)]
        public int MaxRetryWaitSeconds { get; set; } = 60;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int RequestTimeoutSeconds { get; set; } = 100;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidEndpoint", $"-Endpoint '{EchoedInput.Of(Endpoint.ToString())}' is not an http(s) address.", Endpoint, "Give the service's base address, e.g. https://127.0.0.1:5443/."));
            }

            var options = new CommerceClientOptions
            {
                Endpoint = Endpoint,
                AuthorityHost = AuthorityHost ?? (MyInvocation.BoundParameters.ContainsKey(nameof(Endpoint)) ? Endpoint : CommerceClientOptions.EntraAuthorityHost),
                GraphEndpoint = MyInvocation.BoundParameters.ContainsKey(nameof(Endpoint)) ? Endpoint : CommerceClientOptions.MicrosoftGraph,
                TrustedCertificate = TrustedCertificate,
                Proxy = Proxy == null ? null : new WebProxy(Proxy),
                MaxRetries = MaxRetryCount,
                MaxRetryWait = TimeSpan.FromSeconds(MaxRetryWaitSeconds),
                RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSeconds),
            };
            if (ParameterSetName == AccessTokenSet && AccessTokenShape.Problem(Reveal(AccessToken)) is string problem)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("MalformedToken", $"-AccessToken is not an access token: {problem}. Nothing was connected.", null,
                    "Pass the access_token of a token answer (it starts with eyJ), or sign in with another method of Connect-MSCommerce."));
            }

            var signIn = new SignInOptions { ClientId = ClientId, RedirectUri = RedirectUri, Resource = Resource, TenantId = TenantId ?? "organizations" };
            if (ParameterSetName == InteractiveSet || ParameterSetName == DeviceCodeSet)
            {
                signIn.ContextScope = ContextScope == Connections.ContextScope.CurrentUser ? Client.Auth.ContextScope.CurrentUser : Client.Auth.ContextScope.Process;
            }

            MSCommerceConnection? connection = null;
            AccessToken? first = null;
            var connected = false;
            try
            {
                var method = SignInMethod(signIn);
                var client = Await(cancel => CommerceConnector.ConnectAsync(options, method, token =>
                {
                    if (connection == null)
                    {
                        first = token;
                    }
                    else
                    {
                        connection.Observe(token);
                    }
                }, cancel));
                connection = new MSCommerceConnection(client, first, TenantId);
                RunspaceConnections.Current = connection;
                connected = true;
            }
            catch (SignInException error)
            {
                ThrowTerminatingError(SignInAdvice.From(error, TenantId));
                return;
            }
            catch (CommerceServiceException error)
            {
                ThrowTerminatingError(SignInAdvice.From(error, TenantId));
                return;
            }
            finally
            {
                // Ctrl+C, a refused sign-in or an unreachable service: a connection nobody holds releases its handlers now.
                if (!connected)
                {
                    connection?.Dispose();
                }
            }

            if (ParameterSetName == AccessTokenSet && connection.TokenExpiresOn is DateTimeOffset expires && expires <= DateTimeOffset.UtcNow)
            {
                WriteWarning($"The access token expired at {expires.ToLocalTime():yyyy-MM-dd HH:mm:ss zzz} ({Ago(DateTimeOffset.UtcNow - expires)} ago), and a token given with -AccessToken is never renewed: every call will be refused. Get a new token, or connect with a method that renews itself (-UseDeviceCode, -CertificateThumbprint, -ClientSecret, -Identity).");
            }

            WriteVerbose($"Connected to {connection.Endpoint} as {connection.Account ?? "an unnamed caller"} ({connection.AuthMethod}), tenant {connection.TenantId ?? "unknown"}; token valid until {connection.TokenExpiresOn:u}.");
            if (PassThru)
            {
                connection.HandedOut = true;
                WriteObject(Output.Of(connection));
            }
            else
            {
                Host.UI.WriteLine("Connection established successfully");
            }
        }

        private static string Ago(TimeSpan elapsed) =>
            elapsed.TotalMinutes < 1 ? $"{Math.Max(1, (int)elapsed.TotalSeconds)} seconds"
            : elapsed.TotalHours < 1 ? $"{(int)elapsed.TotalMinutes} minutes"
            : elapsed.TotalDays < 1 ? $"{(int)elapsed.TotalHours} hours"
            : $"{(int)elapsed.TotalDays} days";

        private SignIn SignInMethod(SignInOptions signIn)
        {
            Action<string>? msalLog = Messages.WantsDebug ? message => Messages.OnDebug("MSAL: " + message) : (Action<string>?)null;
            switch (ParameterSetName)
            {
                case AccessTokenSet:
                    return SignIn.WithAccessToken(Reveal(AccessToken));
                case ClientSecretSet:
                    return SignIn.WithClientSecret(signIn, Reveal(ClientSecret), msalLog);
                case ClientSecretCredentialSet:
                    signIn.ClientId = ClientSecretCredential.UserName;
                    return SignIn.WithClientSecret(signIn, Reveal(ClientSecretCredential.Password), msalLog);
                case CertificateThumbprintSet:
                    return SignIn.WithCertificate(signIn, FromStore(CertificateThumbprint), msalLog);
                case CertificateSet:
                    return SignIn.WithCertificate(signIn, Certificate, msalLog);
                case CertificatePathSet:
                    return SignIn.WithCertificate(signIn, FromFile(), msalLog);
                case IdentitySet:
                    return SignIn.WithManagedIdentity(signIn, MyInvocation.BoundParameters.ContainsKey(nameof(ClientId)) ? ClientId : null, msalLog);
                case DeviceCodeSet:
                    return SignIn.WithDeviceCode(signIn, ShowMessage, msalLog);
                case FederatedTokenSet:
                    return SignIn.WithFederatedToken(signIn, Client.Auth.FederatedTokenSource.FromToken(Reveal(FederatedToken)), msalLog);
                case FederatedTokenFileSet:
                    return SignIn.WithFederatedToken(signIn, Client.Auth.FederatedTokenSource.FromFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(FederatedTokenFile)), msalLog);
                case FederatedTokenSourceSet:
                    return SignIn.WithFederatedToken(signIn, FederatedSignIn.FromEnvironment(FederatedTokenSource), msalLog);
                default:
                    // An app named with its tenant and no credential, inside a CI job that can hand out federated tokens: sign in with those.
                    return FederatedSignIn.Detected(MyInvocation.BoundParameters.ContainsKey(nameof(ClientId)) && TenantId != null) is { } detected
                        ? SignIn.WithFederatedToken(signIn, detected, msalLog)
                        : SignIn.WithInteractiveBrowser(signIn, ShowMessage, msalLog);
            }
        }

        private Task ShowMessage(string message)
        {
            Messages.Post(() => WriteWarning(message));
            return Task.CompletedTask;
        }

        private X509Certificate2 FromStore(string thumbprint)
        {
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", ""), false).OfType<X509Certificate2>().FirstOrDefault();
                if (found != null)
                {
                    return found;
                }
            }

            throw new SignInException($"No certificate with thumbprint {thumbprint} is in the CurrentUser or LocalMachine 'My' store.", SignInErrorKind.InvalidCredential);
        }

        private X509Certificate2 FromFile()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath);
            if (!System.IO.File.Exists(path))
            {
                throw new SignInException($"The certificate file '{path}' does not exist.", SignInErrorKind.InvalidCredential);
            }

            try
            {
                return new X509Certificate2(path, CertificatePassword, X509KeyStorageFlags.Exportable);
            }
            catch (System.Security.Cryptography.CryptographicException error)
            {
                throw new SignInException($"The certificate file '{path}' could not be opened: {error.Message} Is -CertificatePassword right?", SignInErrorKind.InvalidCredential, error);
            }
        }

        private static string Reveal(SecureString secret)
        {
            var pointer = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                return System.Runtime.InteropServices.Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
