using System.Text;

namespace MSCommerce.Stub.Identity;

/// <summary>
/// Text taken from a token or a request, made safe to quote in an error answer and in a
/// WWW-Authenticate header: printable ASCII without quotes or backslashes, and short.
/// </summary>
public static class TokenText
{
    private const int MaxLength = 64;

    public static string Quote(string? text)
    {
        if (text is null)
        {
            return "";
        }

        var safe = new StringBuilder(Math.Min(text.Length, MaxLength + 3));
        foreach (var character in text)
        {
            if (safe.Length == MaxLength)
            {
                return safe.Append("...").ToString();
            }

            safe.Append(character is >= ' ' and <= '~' and not '"' and not '\\' ? character : '?');
        }

        return safe.ToString();
    }

    /// <summary>A whole reason made safe for a header (no length cap: the reasons are the service's own sentences).</summary>
    public static string ForHeader(string reason)
    {
        var safe = new StringBuilder(reason.Length);
        foreach (var character in reason)
        {
            safe.Append(character is >= ' ' and <= '~' and not '"' and not '\\' ? character : '?');
        }

        return safe.ToString();
    }
}
