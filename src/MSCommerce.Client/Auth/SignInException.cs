using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Identity.Client;

namespace MSCommerce.Client.Auth
{
    /// <summary>Signing in or renewing a token failed; the message says why and what to do.</summary>
    public sealed class SignInException : Exception
    {
        /// <summary>
        /// A sign-in failure with the identity platform's error code, when it gave one; its <see cref="Kind"/> is read from that
        /// code and from the AADSTS codes of <paramref name="inner"/> when it is the identity platform's refusal.
        /// </summary>
        public SignInException(string message, string? errorCode, Exception? inner = null)
            : base(message, inner)
        {
            ErrorCode = errorCode;
            IdentityErrorCodes = AadstsCodesOf(inner);
            Kind = SignInFailures.Classify(errorCode, IdentityErrorCodes);
        }

        /// <summary>A sign-in failure whose kind is known where it happened (a certificate without its private key, a tenant out of reach).</summary>
        public SignInException(string message, SignInErrorKind kind, Exception? inner = null)
            : base(message, inner)
        {
            IdentityErrorCodes = AadstsCodesOf(inner);
            Kind = kind;
        }

        /// <summary>The identity provider's error (e.g. invalid_client, unauthorized_client) or MSAL's (linux_xdg_open_failed), when there was one.</summary>
        public string? ErrorCode { get; }

        /// <summary>The identity platform's AADSTS codes of the refusal (e.g. AADSTS50020), as its answer listed them; empty when it gave none.</summary>
        public IReadOnlyList<string> IdentityErrorCodes { get; }

        /// <summary>What kind of failure it was, so that callers advise by it and never by the message's wording.</summary>
        public SignInErrorKind Kind { get; }

        private static IReadOnlyList<string> AadstsCodesOf(Exception? inner)
        {
            // MSAL answers a silent sign-in repeated soon after a refusal from its own memory of that refusal, without the codes.
            var refusal = inner is MsalThrottledUiRequiredException repeated ? repeated.OriginalServiceException : inner as MsalServiceException;
            if (refusal == null)
            {
                return Array.Empty<string>();
            }

            IReadOnlyList<string> codes = refusal.ErrorCodesForLogging is { Count: > 0 } logged ? logged : IdentityAnswer.ErrorCodes(refusal.ResponseBody);
            return codes
                .Where(code => !string.IsNullOrEmpty(code))
                .Select(code => code.StartsWith(SignInFailures.AadstsPrefix, StringComparison.Ordinal) ? code : SignInFailures.AadstsPrefix + code)
                .ToList();
        }
    }
}
