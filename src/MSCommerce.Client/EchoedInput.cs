using System.Globalization;

namespace MSCommerce.Client
{
    /// <summary>
    /// What an error message shows of something the user gave (a product key, a value, a property
    /// name): all of it when short, else its start and its length, so that a 3 MB key in a file
    /// makes a one-line message, not a 6 MB one.
    /// </summary>
    internal static class EchoedInput
    {
        public const int MaxShown = 64;

        public static string Of(string text)
        {
            if (text.Length <= MaxShown)
            {
                return text;
            }

            var shown = char.IsHighSurrogate(text[MaxShown - 1]) ? MaxShown - 1 : MaxShown;
            return text.Substring(0, shown) + "…(" + text.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters)";
        }
    }
}
