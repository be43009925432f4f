using System.Text.Json;

namespace MSCommerce.Stub.Hosting;

/// <summary>
/// Finds text in a JSON document that cannot become a .NET string. JsonDocument accepts an escaped lone
/// surrogate ("\ud800") as well-formed JSON and throws only when the string is read, so a body is
/// checked whole, names and values alike, before anything reads it.
/// </summary>
public static class JsonText
{
    /// <summary>Where the first undecodable text is ("policyValue", "a.b[2]", "a property name in a.b"), or null when all of it decodes.</summary>
    public static string? FirstInvalid(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(element.GetString) ? null : Describe(path);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstInvalid(item, $"{path}[{index++}]") is { } where)
                    {
                        return where;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Decodes(() => property.Name))
                    {
                        return path.Length == 0 ? "A property name of the body" : $"A property name in {path}";
                    }

                    if (FirstInvalid(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } where)
                    {
                        return where;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Describe(string path) => path.Length == 0 ? "The body" : path;

    private static bool Decodes(Func<string?> read) => Decoded(read) is not null;

    /// <summary>
    /// The text of a JSON string or name, or null when it is not valid UTF-16: System.Text.Json throws on
    /// some lone surrogates and hands others through, so the text is checked once read.
    /// </summary>
    public static string? Decoded(Func<string?> read)
    {
        string? text;
        try
        {
            text = read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        if (text is null)
        {
            return null;
        }

        for (var index = 0; index < text.Length; index++)
        {
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(text[index]))
            {
                return null;
            }
        }

        return text;
    }
}
