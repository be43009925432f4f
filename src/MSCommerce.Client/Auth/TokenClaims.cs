using System;
using System.Text;
using System.Text.Json;

namespace MSCommerce.Client.Auth
{
    /// <summary>Reads the display claims (account, tenant, expiry) of a JWT without validating it: for showing, never for trusting.</summary>
    internal static class TokenClaims
    {
        public static AccessToken Describe(string token)
        {
            var parts = token.Split('.');
            if (parts.Length < 2)
            {
                return new AccessToken(token, null, null, null);
            }

            try
            {
                using var payload = JsonDocument.Parse(Decode(parts[1]));
                var root = payload.RootElement;
                var expires = root.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) : (DateTimeOffset?)null;
                var account = Text(root, "upn") ?? Text(root, "preferred_username") ?? (Text(root, "appid") is string app ? $"app {app}" : null);
                return new AccessToken(token, expires, account, Text(root, "tid"));
            }
            catch (Exception error) when (error is JsonException || error is FormatException || error is ArgumentException)
            {
                return new AccessToken(token, null, null, null);
            }
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        internal static byte[] Decode(string segment)
        {
            var base64 = segment.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            return Convert.FromBase64String(base64);
        }
    }
}
