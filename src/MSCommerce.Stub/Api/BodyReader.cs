using System.Text.Json;

namespace MSCommerce.Stub.Api;

/// <summary>
/// Reads the properties of a JSON object body by their camelCase names. The first problem found
/// becomes <see cref="Error"/>: an unknown or repeated property (a typo must not buy with defaults),
/// a missing required one, or a value of the wrong type. A null value counts as absent.
/// </summary>
public sealed class BodyReader
{
    private readonly JsonElement _body;

    public BodyReader(JsonElement body, params string[] known)
    {
        _body = body;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Reject($"Unknown property '{property.Name}'; the body takes {string.Join(", ", known)}.");
            }
            else if (!seen.Add(property.Name))
            {
                Reject($"{property.Name} is given more than once.");
            }
        }
    }

    public IResult? Error { get; private set; }

    /// <param name="allowBlank">Lets an empty or blank string through, for callers whose own check names the values they take.</param>
    public string? String(string name, bool required, int maxLength = 256, bool allowBlank = false)
    {
        if (Value(name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Reject($"{name} must be a string, not {value.ValueKind}.");
            return null;
        }

        var text = value.GetString()!;
        if ((!allowBlank && text.Trim().Length == 0) || text.Length > maxLength)
        {
            Reject($"{name} must have 1 to {maxLength} characters.");
            return null;
        }

        return text;
    }

    public int? Integer(string name, bool required)
    {
        if (Value(name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Reject($"{name} must be a whole number, not {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind.ToString())}.");
            return null;
        }

        return number;
    }

    public bool? Boolean(string name)
    {
        if (Value(name, required: false) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Reject($"{name} must be true or false, not {value.ValueKind}.");
            return null;
        }

        return value.GetBoolean();
    }

    private JsonElement? Value(string name, bool required)
    {
        if (Error is not null)
        {
            return null;
        }

        if (_body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            Reject($"The request body has no {name}.");
        }

        return null;
    }

    private void Reject(string reason) => Error ??= ServiceErrors.BadRequest(reason, "InvalidRequestBody");
}
