using System.Globalization;
using System.Text.RegularExpressions;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Api;

/// <summary>
/// Reads and checks the query string of a list call. The first problem found becomes <see cref="Error"/>,
/// a 400 naming the parameter; unknown and repeated parameters are problems too, so a typo never
/// silently widens a list.
/// </summary>
public sealed partial class QueryReader
{
    public const int MaxValueLength = 256;

    private readonly IQueryCollection _query;

    public QueryReader(IQueryCollection query, IReadOnlyList<string> known)
    {
        _query = query;
        foreach (var (name, values) in query)
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                Reject($"Unknown query parameter '{name}'; this call takes {string.Join(", ", known)}.");
            }
            else if (values.Count > 1)
            {
                Reject($"{name} is given more than once.");
            }
        }
    }

    public IResult? Error { get; private set; }

    public string? Text(string name, int maxLength = MaxValueLength)
    {
        if (!_query.TryGetValue(name, out var values) || Error is not null)
        {
            return null;
        }

        var value = values.ToString();
        if (value.Trim().Length == 0)
        {
            Reject($"{name} is empty.");
            return null;
        }

        if (value.Length > maxLength)
        {
            Reject($"{name} is longer than {maxLength} characters.");
            return null;
        }

        return value;
    }

    /// <summary>A product id: letters, digits, '-', '_' and '.'.</summary>
    public string? ProductId(string name)
    {
        if (Text(name, 64) is not { } value)
        {
            return null;
        }

        if (!ProductIdPattern().IsMatch(value))
        {
            Reject($"{name} '{value}' is not a product id (e.g. CFQ7TTC0H9MP).");
            return null;
        }

        return value;
    }

    /// <summary>One of the allowed values, matched case-insensitively; answers the allowed spelling.</summary>
    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        if (Text(name) is not { } value)
        {
            return null;
        }

        var match = allowed.FirstOrDefault(item => item.Equals(value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Reject($"{name} '{value}' is not one of {string.Join(", ", allowed)}.");
        }

        return match;
    }

    /// <summary>An ISO 8601 date or date and time; without an offset it is UTC.</summary>
    public DateTime? Time(string name)
    {
        if (Text(name) is not { } value)
        {
            return null;
        }

        // An unencoded '+' of an offset arrives as a space.
        var iso = value.Trim().Replace(' ', '+');
        if (IsoTimePattern().IsMatch(iso)
            && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.UtcDateTime;
        }

        Reject($"{name} '{value}' is not an ISO 8601 date and time, e.g. 2026-03-01T10:00:00Z.");
        return null;
    }

    public int Top(string name, int defaultValue, int max)
    {
        if (Text(name) is not { } value)
        {
            return defaultValue;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 && top <= max)
        {
            return top;
        }

        Reject($"{name} must be a whole number from 1 to {max}, not '{value}'.");
        return defaultValue;
    }

    public PurchaseCursor? SkipTokenCursor(string name)
    {
        if (Text(name, 512) is not { } value)
        {
            return null;
        }

        var cursor = SkipToken.Decode(value);
        if (cursor is null)
        {
            Reject($"{name} is not a token this service issued; start again from the first page.");
        }

        return cursor;
    }

    /// <summary>Records a problem the caller found in a value this reader handed out.</summary>
    public void Reject(string reason) => Error ??= ServiceErrors.BadRequest(reason);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ProductIdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoTimePattern();
}
