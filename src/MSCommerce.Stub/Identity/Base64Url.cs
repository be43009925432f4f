namespace MSCommerce.Stub.Identity;

public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        return Convert.FromBase64String(base64);
    }

    /// <summary>
    /// Decodes the unpadded base64url of a JWS segment (RFC 7515 section 2): only the URL-safe alphabet,
    /// no padding, no whitespace; null otherwise.
    /// </summary>
    public static byte[]? TryDecodeStrict(string text)
    {
        if (text.Length % 4 == 1)
        {
            return null;
        }

        foreach (var character in text)
        {
            if (character is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return null;
            }
        }

        return Decode(text);
    }
}
