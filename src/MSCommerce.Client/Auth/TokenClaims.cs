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
                return new AccessToken(token, expires, account, Text(root, "tid"), Roles(root));
            }
            catch (Exception error) when (error is JsonException || error is FormatException || error is ArgumentException)
            {
                return new AccessToken(token, null, null, null);
            }
        }

        private static readonly System.Collections.Generic.Dictionary<string, string> DirectoryRoleNames = new System.Collections.Generic.Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["62e90394-69f5-4237-9190-012177145e10"] = "Global Administrator",
            ["b0f54661-2d74-4c50-afa3-1ec803f12efe"] = "Billing Administrator",
            ["f2ef992c-3afb-46b9-b7cf-a126ee74c451"] = "Global Reader",
        };

        // The directory roles of a person (wids, by template id) and the application roles of an app (roles).
        private static System.Collections.Generic.IReadOnlyList<string> Roles(JsonElement root)
        {
            var roles = new System.Collections.Generic.List<string>();
            foreach (var claim in new[] { "wids", "roles" })
            {
                if (root.TryGetProperty(claim, out var values) && values.ValueKind == JsonValueKind.Array)
                {
                    foreach (var value in values.EnumerateArray())
                    {
                        if (value.ValueKind == JsonValueKind.String && value.GetString() is string role)
                        {
                            // b79fbf4d-... is the "default user" role every member holds: not a role an admin assigns.
                            if (role == "b79fbf4d-3ef9-4689-8143-76b194e85509") continue;
                            roles.Add(DirectoryRoleNames.TryGetValue(role, out var name) ? name : role);
                        }
                    }
                }
            }

            return roles;
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
