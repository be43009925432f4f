using System;
using System.Linq;
using System.Text.Json;

namespace MSCommerce.Client.Auth
{
    /// <summary>The parts of the identity platform's error answer (its JSON body) that MSAL does not always carry over.</summary>
    internal static class IdentityAnswer
    {
        /// <summary>The numbers of the answer's error_codes array (50020 for AADSTS50020); none when the body has none or is not JSON.</summary>
        public static string[] ErrorCodes(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return Array.Empty<string>();
            }

            try
            {
                using var answer = JsonDocument.Parse(body!);
                if (answer.RootElement.ValueKind != JsonValueKind.Object
                    || !answer.RootElement.TryGetProperty("error_codes", out var codes)
                    || codes.ValueKind != JsonValueKind.Array)
                {
                    return Array.Empty<string>();
                }

                return codes.EnumerateArray()
                    .Where(code => code.ValueKind == JsonValueKind.Number || code.ValueKind == JsonValueKind.String)
                    .Select(code => code.ValueKind == JsonValueKind.Number ? code.GetRawText() : code.GetString() ?? "")
                    .ToArray();
            }
            catch (JsonException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
