using System.Globalization;

namespace MSCommerce.Stub.Data;

/// <summary>Times as stored: UTC in the fixed-width round-trip format, so that text order is time order.</summary>
public static class StoredTime
{
    public static string Format(DateTime time) => DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc).ToString("o", CultureInfo.InvariantCulture);

    public static DateTime Parse(string text) => DateTime.ParseExact(text, "o", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
