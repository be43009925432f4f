using System.Globalization;
using System.Text;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Identity;

namespace MSCommerce.Stub.Api;

/// <summary>The opaque $skiptoken of a nextLink: the sort key (purchase date, subscription id) of the last item served.</summary>
public static class SkipToken
{
    public static string Encode(PurchaseCursor cursor) =>
        Base64Url.Encode(Encoding.UTF8.GetBytes($"{cursor.PurchaseDate.Ticks.ToString(CultureInfo.InvariantCulture)}:{cursor.SubscriptionId}"));

    /// <summary>The absolute address of the next page: this request's path with the given query and the token after the last item served.</summary>
    public static string NextLink(HttpRequest request, IEnumerable<(string Name, string Value)> parameters, PurchaseCursor last)
    {
        var query = parameters.Append((Name: "$skiptoken", Value: Encode(last))).Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value)}");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }

    /// <summary>Null when the text is not a token this service issued.</summary>
    public static PurchaseCursor? Decode(string text)
    {
        string plain;
        try
        {
            plain = Encoding.UTF8.GetString(Base64Url.Decode(text));
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = plain.Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks
            && Guid.TryParseExact(parts[1], "D", out var id)
                ? new PurchaseCursor(new DateTime(ticks, DateTimeKind.Utc), id.ToString())
                : null;
    }
}
