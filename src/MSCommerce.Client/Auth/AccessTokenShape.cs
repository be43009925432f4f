using System;
using System.Text.Json;

namespace MSCommerce.Client.Auth
{
    /// <summary>
    /// Whether a string given as an access token can be one: a JWT, three base64url parts whose middle one is a
    /// JSON object. It says nothing of whether the service will accept it; it tells a typo or a pasted
    /// client secret from a token before anything is sent.
    /// </summary>
    public static class AccessTokenShape
    {
        /// <summary>Why <paramref name="token"/> cannot be an access token; null when it has a token's shape.</summary>
        public static string? Problem(string token)
        {
            var parts = (token ?? "").Trim().Split('.');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return "an access token is a JWT: three base64url parts separated by dots (eyJ….eyJ….…), and this is not";
            }

            try
            {
                using var payload = JsonDocument.Parse(TokenClaims.Decode(parts[1]));
                return payload.RootElement.ValueKind == JsonValueKind.Object ? null : "the claims of this JWT are not a JSON object";
            }
            catch (Exception error) when (error is FormatException || error is JsonException || error is ArgumentException)
            {
                return "the claims of this JWT are not base64url-encoded JSON";
            }
        }
    }
}
