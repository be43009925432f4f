using System;
using System.Collections.Generic;
using System.Linq;

namespace MSCommerce.Client.Auth
{
    /// <summary>What kind of sign-in failure a <see cref="SignInException"/> is, read from the identity platform's codes.</summary>
    public enum SignInErrorKind
    {
        /// <summary>None of the kinds below, or the identity platform gave no code.</summary>
        Other,
        /// <summary>No such tenant (AADSTS90002, invalid_tenant).</summary>
        TenantNotFound,
        /// <summary>The account is not in the tenant signed in to: no guest account, no delegated-admin relationship (AADSTS50020).</summary>
        AccountNotInTenant,
        /// <summary>The account was refused: unknown, wrong password, disabled or locked (AADSTS50034, 50126, 50057, 50058, 50053).</summary>
        AccountRefused,
        /// <summary>The person cancelled or declined the sign-in (access_denied, authentication_canceled, AADSTS65004).</summary>
        Cancelled,
        /// <summary>No browser could complete the sign-in (linux_xdg_open_failed, the loopback listener).</summary>
        NoBrowser,
        /// <summary>The device code expired before it was entered (expired_token, AADSTS70020).</summary>
        CodeExpired,
        /// <summary>The app is not in the tenant signed in to: not registered or not consented there (AADSTS700016).</summary>
        AppNotInTenant,
        /// <summary>The app's registration refuses this sign-in: its redirect URI, or a flow it is not allowed (AADSTS50011, unauthorized_client).</summary>
        AppNotAllowed,
        /// <summary>The app's credential was refused or is unusable: the secret or certificate is wrong, expired or unreadable (invalid_client, AADSTS7000215).</summary>
        InvalidCredential,
        /// <summary>The resource or its permission is not granted (invalid_scope, AADSTS70011, AADSTS65001).</summary>
        InvalidScope,
    }

    /// <summary>Reads a sign-in failure's kind from its codes: the OAuth or MSAL error and the AADSTS codes, never the message.</summary>
    internal static class SignInFailures
    {
        public const string AadstsPrefix = "AADSTS";

        // In the order they are tried: the first kind any of whose codes the failure carries is its kind.
        private static readonly (SignInErrorKind Kind, string[] Errors, string[] Aadsts)[] Kinds =
        {
            (SignInErrorKind.TenantNotFound, new[] { "invalid_tenant" }, new[] { "AADSTS90002" }),
            (SignInErrorKind.AccountNotInTenant, Array.Empty<string>(), new[] { "AADSTS50020" }),
            (SignInErrorKind.AccountRefused, Array.Empty<string>(), new[] { "AADSTS50034", "AADSTS50126", "AADSTS50057", "AADSTS50058", "AADSTS50053" }),
            (SignInErrorKind.Cancelled, new[] { "authentication_canceled", "access_denied", "authorization_declined", "user_canceled" }, new[] { "AADSTS65004" }),
            (SignInErrorKind.NoBrowser, new[] { "linux_xdg_open_failed", "browser", "loopback", "http_listener" }, Array.Empty<string>()),
            (SignInErrorKind.CodeExpired, new[] { "expired_token", "code_expired" }, new[] { "AADSTS70020" }),
            (SignInErrorKind.AppNotInTenant, Array.Empty<string>(), new[] { "AADSTS700016" }),
            (SignInErrorKind.AppNotAllowed, new[] { "unauthorized_client" }, new[] { "AADSTS50011" }),
            (SignInErrorKind.InvalidCredential, new[] { "invalid_client", "certificate", "secret" }, new[] { "AADSTS7000215", "AADSTS700027", "AADSTS7000222" }),
            (SignInErrorKind.InvalidScope, new[] { "invalid_scope" }, new[] { "AADSTS70011", "AADSTS65001" }),
        };

        /// <summary>
        /// The kind of a failure with the OAuth or MSAL <paramref name="error"/> (a code such as invalid_client; MSAL's browser
        /// codes are matched by their parts, e.g. "loopback") and the AADSTS codes of the identity platform's answer.
        /// </summary>
        public static SignInErrorKind Classify(string? error, IReadOnlyCollection<string> aadsts)
        {
            foreach (var (kind, errors, codes) in Kinds)
            {
                if (codes.Any(code => aadsts.Contains(code, StringComparer.OrdinalIgnoreCase))
                    || (error != null && errors.Any(part => error.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)))
                {
                    return kind;
                }
            }

            return SignInErrorKind.Other;
        }
    }
}
