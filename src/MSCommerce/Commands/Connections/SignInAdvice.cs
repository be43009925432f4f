using System;
using System.Management.Automation;
using System.Net;
using System.Security.Authentication;
using MSCommerce.Client;
using MSCommerce.Client.Auth;

namespace MSCommerce.Commands
{
    /// <summary>What to do when a sign-in fails, by its kind: the browser, the tenant, the account, the app's credential, the network, the server's certificate.</summary>
    internal static class SignInAdvice
    {
        public static ErrorRecord From(SignInException error, object? target) =>
            ErrorRecords.Create(error, "SignInFailed", ErrorCategory.AuthenticationError, target, For(error.Kind));

        /// <summary>A sign-in that never reached the identity provider: the certificate it showed is not trusted, or the network failed.</summary>
        public static ErrorRecord From(CommerceServiceException error, object? target)
        {
            var record = ErrorRecords.From(error, "SignInFailed", target);
            if (error.Kind == CommerceErrorKind.Connection && UntrustedCertificate(error))
            {
                record.ErrorDetails.RecommendedAction =
                    "The server's certificate is not trusted. For the local commerce service, pass its certificate: -TrustedCertificate ([System.Security.Cryptography.X509Certificates.X509Certificate2]::new('<db>.cer')); behind a TLS-inspecting proxy, trust the proxy's root certificate.";
            }

            return record;
        }

        internal static string For(SignInErrorKind kind)
        {
            switch (kind)
            {
                case SignInErrorKind.TenantNotFound:
                    return "Check -TenantId: give the tenant's id or one of its domains (contoso.onmicrosoft.com), or leave it out to sign in to your home tenant.";
                case SignInErrorKind.AccountNotInTenant:
                case SignInErrorKind.AccountRefused:
                    return "Sign in again with an enabled account of that tenant (user name and password as your admin gave them); a guest or partner needs a role there.";
                case SignInErrorKind.Cancelled:
                    return "The sign-in was cancelled or declined: run Connect-MSCommerce again and complete it in the browser, or use -UseDeviceCode.";
                case SignInErrorKind.NoBrowser:
                    return "No browser could complete the sign-in: use -UseDeviceCode, or set BROWSER to a command that opens a URL.";
                case SignInErrorKind.CodeExpired:
                    return "The device code expired before it was entered: run Connect-MSCommerce again and enter the new code within 15 minutes.";
                case SignInErrorKind.AppNotInTenant:
                case SignInErrorKind.AppNotAllowed:
                    return "Check -ClientId and -RedirectUri: the app must be registered in the tenant, as a public client with the http://localhost redirect URI for people.";
                case SignInErrorKind.InvalidCredential:
                    return "Check the app id and its credential: the secret may be wrong or expired, the certificate not the one uploaded to the app registration.";
                case SignInErrorKind.InvalidScope:
                    return "Check -Resource, and that the app has the License Manager permission with admin consent.";
                default:
                    return "Check the tenant, the app id and its credential, then run Connect-MSCommerce again.";
            }
        }

        /// <summary>A TLS handshake refused for the server's certificate: an AuthenticationException inside, or .NET Framework's trust failure.</summary>
        private static bool UntrustedCertificate(Exception? error)
        {
            for (; error != null; error = error.InnerException)
            {
                if (error is AuthenticationException || error is WebException { Status: WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
