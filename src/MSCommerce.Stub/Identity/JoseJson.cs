using System.Text.Json;
using MSCommerce.Stub.Hosting;

namespace MSCommerce.Stub.Identity;

/// <summary>
/// Reads the JSON of a JOSE header or a claims set strictly, for every token the service reads (bearer
/// tokens and client assertions alike): one object, valid UTF-8, every string valid Unicode (no lone
/// surrogate, escaped or not), no member named twice at any depth, nesting bounded.
/// </summary>
public static class JoseJson
{
    private const int MaxDepth = 16;

    /// <summary>The object; null with the reason when the bytes are not one.</summary>
    public static JsonElement? ReadObject(byte[] utf8, out string? failure)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                failure = "is not a JSON object";
                return null;
            }

            failure = Problem(document.RootElement);
            return failure is null ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            failure = "is not valid JSON (or nests deeper than " + MaxDepth + " levels)";
            return null;
        }
    }

    private static string? Problem(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    if (JsonText.Decoded(() => member.Name) is not { } name)
                    {
                        return "has a member name that is not valid Unicode";
                    }

                    if (!names.Add(name))
                    {
                        return $"names the member '{TokenText.Quote(name)}' twice";
                    }

                    if (Problem(member.Value) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Problem(item) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.String:
                return JsonText.Decoded(element.GetString) is null ? "has a string that is not valid Unicode" : null;

            default:
                return null;
        }
    }
}
