using System;
using System.Management.Automation;
using MSCommerce.Client;
using MSCommerce.Client.Auth;

namespace MSCommerce.Commands
{
    /// <summary>What to do when a sign-in fails, by its cause: the browser, the tenant, the account, the app's credential, the network, the server's certificate.</summary>
    internal static class SignInAdvice
    {
        public static ErrorRecord From(SignInException error, object? target) =>
            ErrorRecords.Create(error, "SignInFailed", ErrorCategory.AuthenticationError, target, For(error.ErrorCode, error.Message));

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

        internal static string For(string? errorCode, string message)
        {
            var code = (errorCode ?? "") + " " + message;
            if (Has(code, "AADSTS90002", "invalid_tenant"))
            {
                return "Check -TenantId: give the tenant's id or one of its domains (contoso.onmicrosoft.com), or leave it out to sign in to your home tenant.";
            }

            if (Has(code, "AADSTS50034", "AADSTS50126", "AADSTS50057", "AADSTS50020", "AADSTS50058", "AADSTS50053"))
            {
                return "Sign in again with an enabled account of that tenant (user name and password as your admin gave them); a guest or partner needs a role there.";
            }

            if (Has(code, "authentication_canceled", "access_denied", "authorization_declined", "user_canceled", "AADSTS65004"))
            {
                return "The sign-in was cancelled or declined: run Connect-MSCommerce again and complete it in the browser, or use -UseDeviceCode.";
            }

            if (Has(code, "linux_xdg_open_failed", "browser", "loopback", "http_listener"))
            {
                return "No browser could complete the sign-in: use -UseDeviceCode, or set BROWSER to a command that opens a URL.";
            }

            if (Has(code, "expired_token", "AADSTS70020", "code_expired"))
            {
                return "The device code expired before it was entered: run Connect-MSCommerce again and enter the new code within 15 minutes.";
            }

            if (Has(code, "AADSTS50011", "AADSTS700016", "unauthorized_client"))
            {
                return "Check -ClientId and -RedirectUri: the app must be registered in the tenant, as a public client with the http://localhost redirect URI for people.";
            }

            if (Has(code, "invalid_client", "AADSTS7000215", "AADSTS700027", "AADSTS7000222", "certificate", "secret"))
            {
                return "Check the app id and its credential: the secret may be wrong or expired, the certificate not the one uploaded to the app registration.";
            }

            if (Has(code, "invalid_scope", "AADSTS70011", "AADSTS65001"))
            {
                return "Check -Resource, and that the app has the License Manager permission with admin consent.";
            }

            return "Check the tenant, the app id and its credential, then run Connect-MSCommerce again.";
        }

        private static bool Has(string text, params string[] markers)
        {
            foreach (var marker in markers)
            {
                if (text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool UntrustedCertificate(Exception? error)
        {
            for (; error != null; error = error.InnerException)
            {
                if (error is System.Security.Authentication.AuthenticationException || Has(error.Message, "SSL connection could not be established", "certificate"))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
