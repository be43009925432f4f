using System;

namespace MSCommerce.Client.Auth
{
    /// <summary>Signing in or renewing a token failed; the message says why and what to do.</summary>
    public sealed class SignInException : Exception
    {
        /// <summary>A sign-in failure with the identity platform's error code, when it gave one.</summary>
        public SignInException(string message, string? errorCode, Exception? inner = null)
            : base(message, inner)
        {
            ErrorCode = errorCode;
        }

        /// <summary>The identity provider's error (e.g. invalid_client, AADSTS7000215), when it gave one.</summary>
        public string? ErrorCode { get; }
    }
}
