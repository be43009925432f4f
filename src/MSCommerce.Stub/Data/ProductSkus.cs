using System.Security.Cryptography;
using System.Text;

namespace MSCommerce.Stub.Data;

/// <summary>
/// What a product costs and how Microsoft Graph names it. Prices are illustrative list prices in USD
/// per licence per month (products without one cost 10.00); SKU ids are stable per product but are
/// not Microsoft's real ones.
/// </summary>
public static class ProductSkus
{
    public const string Currency = "USD";
    public const long DefaultMonthlyPriceCents = 10_00;

    private static readonly Dictionary<string, long> MonthlyPriceCents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CFQ7TTC0N8SS"] = 11_99,
        ["CFQ7TTC0MM8R"] = 30_00,
        ["CFQ7TTC0LH05"] = 8_00,
        ["CFQ7TTC0N8SL"] = 12_00,
        ["CFQ7TTC0LH2H"] = 20_00,
        ["CFQ7TTC0LH3L"] = 15_00,
        ["CFQ7TTC0LSGZ"] = 150_00,
        ["CFQ7TTC0H6RP"] = 24_00,
        ["CFQ7TTC0H9MP"] = 14_00,
        ["CFQ7TTC0HDB1"] = 10_00,
        ["CFQ7TTC0HDB0"] = 30_00,
        ["CFQ7TTC0S3X1"] = 24_00,
        ["CFQ7TTC0J1FV"] = 4_00,
        ["CFQ7TTC0RM8K"] = 7_00,
        ["CFQ7TTC0HD33"] = 5_00,
        ["CFQ7TTC0HD32"] = 15_00,
        ["CFQ7TTC0PW0V"] = 6_00,
    };

    public static long MonthlyPrice(string productId) => MonthlyPriceCents.GetValueOrDefault(productId, DefaultMonthlyPriceCents);

    /// <summary>The price per licence per billing period: a month, or a year for annual billing; trials are free.</summary>
    public static long UnitPrice(string productId, string billingFrequency) => billingFrequency switch
    {
        BillingFrequencies.Annual => MonthlyPrice(productId) * 12,
        BillingFrequencies.Monthly => MonthlyPrice(productId),
        _ => 0,
    };

    public static Guid SkuId(string productId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes("sku:" + productId.ToUpperInvariant())));

    /// <summary>Graph's style of SKU name from the product name: "Power BI Pro" is POWER_BI_PRO.</summary>
    public static string SkuPartNumber(string productName)
    {
        var name = new StringBuilder(productName.Length);
        foreach (var c in productName.ToUpperInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '_')
            {
                name.Append('_');
            }
        }

        return name.ToString().TrimEnd('_');
    }
}

public static class BillingFrequencies
{
    public const string Monthly = "Monthly";
    public const string Annual = "Annual";
    public const string None = "None";
}
