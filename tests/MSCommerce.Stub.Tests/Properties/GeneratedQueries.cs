using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// Generators of query strings for the list endpoints: known parameters with valid, odd and hostile
/// values, unknown and OData-like ones, repeats, empty values, and percent-encodings of arbitrary bytes
/// (invalid UTF-8 and encoded lone surrogates included).
/// </summary>
internal static class GeneratedQueries
{
    private static readonly string[] KnownNames =
    [
        "productId", "purchaser", "status", "type", "createdAfter", "expiringBefore", "$expand", "$top", "$skiptoken", "scope",
        "$filter", "$orderby", "$skip", "$count", "$select", "$search", "api-version", "PRODUCTID", "%24top", "$TOP", "",
    ];

    private static Gen<string> Encoded(Gen<string> text) => text.Select(Escape);

    /// <summary>$skiptoken values: ones shaped like the service's (base64url of ticks:guid) with odd parts, and junk.</summary>
    private static Gen<string> SkipTokens { get; } = Gen.Zip(
            Gen.Elements("0", "638000000000000000", "639000000000000000", "3155378975999999999", "3155378976000000000", "99999999999999999999", "-1", "", "abc"),
            Gen.Elements(Guid.Empty.ToString(), "c0000000-0000-0000-0000-000000000001", "not-a-guid", "", "c0000000-0000-0000-0000-000000000001:extra"))
        .Select(parts => Base64Url($"{parts.Item1}:{parts.Item2}"))
        .Or(Gen.Elements("not-a-token", "====", "-_-_", "MTIzOm5vdC1hLWd1aWQ", "%2B%2F"));

    // Static initializers run in order: each generator is declared after those it uses.
    private static Gen<string> Values { get; } = Gen.Frequency(
        (4, Gen.Elements(
            "CFQ7TTC0H9MP", "cfq7ttc0h9mp", "Active", "active", "Expired", "Cancelled", "Disabled", "Purchase", "Trial", "Both", "product", "OfferType", "offertype",
            "orderHistory", "assignedUsers", "orderHistory,assignedUsers", "orderHistory,,", "*", DemoData.AliceUpn, DemoData.AliceObjectId,
            "2026-01-01", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00+14:00", "9999-12-31T23:59:59Z", "0001-01-01", "2026-02-30", "yesterday", "1700000000",
            "1", "0", "-1", "1000", "1001", "999", "2147483648", "1e3", "0x10", " 5", "5 ", "status eq 'Active'", "' OR 1=1 --", "%", "%zz", "%00", "%ED%A0%80", "%FF%FE",
            "%C0%AF", "%F4%90%80%80", "%E2%80%AE", "%EF%BB%BF", "")),
        (2, SkipTokens),
        (2, Encoded(ArbMap.Default.GeneratorFor<string>().Select(text => text ?? ""))),
        (1, Gen.ListOf(Gen.Choose(0, 255)).Select(bytes => string.Concat(bytes.Select(b => $"%{b:X2}")))),
        (1, Gen.Choose(200, 3000).Select(length => new string('a', length))));

    private static Gen<string> ParameterNames { get; } = Gen.Frequency((8, Gen.Elements(KnownNames)), (1, Encoded(ArbMap.Default.GeneratorFor<string>().Select(text => text ?? ""))));

    private static Gen<string> Hostile { get; } = Gen.ListOf(
            Gen.Zip(ParameterNames, Values).SelectMany(pair => Gen.Elements($"{pair.Item1}={pair.Item2}", $"{pair.Item1}={pair.Item2}", pair.Item1, $"{pair.Item1}=")), 6)
        .SelectMany(parameters => Gen.Elements(string.Join("&", parameters), string.Join("&", parameters) + "&", "&" + string.Join("&&", parameters)));

    private static readonly (string Name, Gen<string> Value)[] Known =
        [
            ("productId", Gen.Elements("CFQ7TTC0H9MP", "cfq7ttc0h9mp", "CFQ7TTC0LH3N", "DEMO00000001")),
            ("purchaser", Gen.Elements(DemoData.AliceUpn, DemoData.AliceObjectId, DemoData.DanaUpn, "nobody")),
            ("status", Gen.Elements("Active", "expired", "Disabled", "CANCELLED")),
            ("type", Gen.Elements("Purchase", "Trial", "trial")),
            ("createdAfter", Gen.Elements("2024-01-01", "2026-01-01T00:00:00Z", "2026-10-01T12:30:00+02:00", "0001-01-01", "9999-12-31")),
            ("expiringBefore", Gen.Elements("2027-01-01", "2026-11-01T09:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z")),
            ("$expand", Gen.Elements("orderHistory", "assignedUsers", "orderHistory,assignedUsers", "assignedUsers,orderHistory")),
            ("$top", Gen.OneOf(Gen.Choose(1, 1000).Select(top => top.ToString(CultureInfo.InvariantCulture)), Gen.Elements("1", "999", "1000"))),
            ("$skiptoken", SkipTokens),
            ("scope", Gen.Elements("product", "OfferType", "PRODUCT")),
        ];

    /// <summary>
    /// A query string without the leading '?': half of them the endpoint's own parameters, each at most
    /// once, with values a client would send (these reach the filters and the paging); half hostile
    /// (unknown names, repeats, odd encodings).
    /// </summary>
    public static Gen<string> For(params string[] parameters) => Gen.OneOf(
        Gen.SubListOf(Known.Where(known => parameters.Contains(known.Name)).ToArray())
            .SelectMany(chosen => Gen.CollectToList(chosen.Select(parameter => parameter.Value.Select(value => $"{parameter.Name}={value}"))))
            .Select(chosen => string.Join("&", chosen)),
        Hostile);

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Percent-encodes text as UTF-16 code units would be by a careless client: lone surrogates as their CESU-8 bytes.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                escaped.Append(c);
            }
            else
            {
                var unit = (int)c;
                var bytes = unit < 0x80 ? [(byte)unit]
                    : unit < 0x800 ? [(byte)(0xC0 | (unit >> 6)), (byte)(0x80 | (unit & 0x3F))]
                    : new[] { (byte)(0xE0 | (unit >> 12)), (byte)(0x80 | ((unit >> 6) & 0x3F)), (byte)(0x80 | (unit & 0x3F)) };
                foreach (var b in bytes)
                {
                    escaped.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
                }
            }
        }

        return escaped.ToString();
    }
}
