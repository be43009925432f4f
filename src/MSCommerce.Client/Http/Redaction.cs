using System.Text.RegularExpressions;

namespace MSCommerce.Client.Http
{
    /// <summary>Removes tokens, secrets and assertions from text meant for -Debug and logs.</summary>
    internal static class Redaction
    {
        private static readonly Regex Jwt = new Regex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*", RegexOptions.Compiled);
        private static readonly Regex Bearer = new Regex(@"(Bearer\s+)(?!\[redacted\])\S+", RegexOptions.Compiled | RegexOptions.IgnoreCase);
        private static readonly Regex Secrets = new Regex(@"((?:client_secret|client_assertion|refresh_token|access_token|id_token|password|code)[""']?\s*[=:]\s*[""']?)[^&""'\s,}]+", RegexOptions.Compiled | RegexOptions.IgnoreCase);

        public static string Redact(string text)
        {
            text = Jwt.Replace(text, "[redacted token]");
            text = Bearer.Replace(text, "$1[redacted]");
            return Secrets.Replace(text, "$1[redacted]");
        }
    }
}
