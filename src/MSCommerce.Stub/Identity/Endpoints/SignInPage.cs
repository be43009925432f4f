using System.Text;
using System.Text.Encodings.Web;

namespace MSCommerce.Stub.Identity.Endpoints;

/// <summary>
/// The sign-in pages, as plain HTML that works without JavaScript: labelled fields, the error in an
/// alert region tied to the field it is about, nothing loaded from elsewhere.
/// </summary>
public static class SignInPage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:0;background:#f2f2f2;color:#1b1b1b}" +
        "main{max-width:26rem;margin:3rem auto;background:#fff;padding:2rem;border:1px solid #ccc}" +
        "label{display:block;margin-top:1rem;font-weight:600}" +
        "input{display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem;font-size:1rem}" +
        "button{margin-top:1.5rem;padding:.5rem 1.5rem;font-size:1rem;background:#0067b8;color:#fff;border:0}" +
        ".error{color:#a80000;font-weight:600}";

    /// <summary>The user name and password form, posting <paramref name="hidden"/> back to <paramref name="action"/>.</summary>
    public static IResult Form(string action, string subtitle, IEnumerable<KeyValuePair<string, string?>> hidden, string? userName, OAuthRefusal? error)
    {
        var body = new StringBuilder();
        body.Append("<h1>Sign in</h1>");
        body.Append("<p>").Append(Html(subtitle)).Append("</p>");
        body.Append("<form method=\"post\" action=\"").Append(Html(action)).Append("\">");
        foreach (var (name, value) in hidden)
        {
            if (!string.IsNullOrEmpty(value))
            {
                body.Append("<input type=\"hidden\" name=\"").Append(Html(name)).Append("\" value=\"").Append(Html(value)).Append("\">");
            }
        }

        var described = error is null ? "" : " aria-invalid=\"true\" aria-describedby=\"error\"";
        if (error is not null)
        {
            body.Append("<p id=\"error\" class=\"error\" role=\"alert\">").Append(Html($"{error.Aadsts}: {error.Description}")).Append("</p>");
        }

        body.Append("<label for=\"login\">User name</label>");
        body.Append("<input id=\"login\" name=\"login\" type=\"text\" autocomplete=\"username\" spellcheck=\"false\" required")
            .Append(described).Append(" value=\"").Append(Html(userName ?? "")).Append("\">");
        body.Append("<label for=\"passwd\">Password</label>");
        body.Append("<input id=\"passwd\" name=\"passwd\" type=\"password\" autocomplete=\"current-password\" required").Append(described).Append('>');
        body.Append("<button type=\"submit\" id=\"submit\">Sign in</button>");
        body.Append("</form>");
        return Page("Sign in to your account", body.ToString(), StatusCodes.Status200OK);
    }

    /// <summary>The device-code page: the code a device shows, then (on the next page) the sign-in form.</summary>
    public static IResult CodeForm(string action, OAuthRefusal? error)
    {
        var body = new StringBuilder();
        body.Append("<h1>Enter code</h1>");
        body.Append("<p>Enter the code displayed on your app or device.</p>");
        body.Append("<form method=\"post\" action=\"").Append(Html(action)).Append("\">");
        var described = "";
        if (error is not null)
        {
            body.Append("<p id=\"error\" class=\"error\" role=\"alert\">").Append(Html($"{error.Aadsts}: {error.Description}")).Append("</p>");
            described = " aria-invalid=\"true\" aria-describedby=\"error\"";
        }

        body.Append("<label for=\"otc\">Code</label>");
        body.Append("<input id=\"otc\" name=\"otc\" type=\"text\" autocomplete=\"one-time-code\" autocapitalize=\"characters\" spellcheck=\"false\" required").Append(described).Append('>');
        body.Append("<button type=\"submit\" id=\"submit\">Next</button>");
        body.Append("</form>");
        return Page("Enter code", body.ToString(), StatusCodes.Status200OK);
    }

    /// <summary>
    /// The answer of response_mode=form_post: a form that posts the fields to the client's redirect URI.
    /// A script posts it at once; without script, the person presses Continue.
    /// </summary>
    public static IResult PostBack(string redirectUri, IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var body = new StringBuilder();
        body.Append("<h1>Signing you in</h1>");
        body.Append("<form method=\"post\" action=\"").Append(Html(redirectUri)).Append("\">");
        foreach (var (name, value) in fields)
        {
            body.Append("<input type=\"hidden\" name=\"").Append(Html(name)).Append("\" value=\"").Append(Html(value ?? "")).Append("\">");
        }

        body.Append("<p>Press Continue to return to the app.</p><button type=\"submit\" id=\"submit\">Continue</button></form>");
        var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        body.Append("<script nonce=\"").Append(nonce).Append("\">document.forms[0].submit();</script>");
        return Page("Signing you in", body.ToString(), StatusCodes.Status200OK, nonce);
    }

    /// <summary>A page that only says something: an error the client cannot be told, or that the sign-in is done.</summary>
    public static IResult Message(string title, string text, int status) =>
        Page(title, "<h1>" + Html(title) + "</h1><p" + (status >= 400 ? " class=\"error\" role=\"alert\"" : "") + ">" + Html(text) + "</p>", status);

    public static IResult Error(OAuthRefusal refusal) =>
        Message("Sign in failed", $"{refusal.Aadsts}: {refusal.Description}", StatusCodes.Status400BadRequest);

    private static IResult Page(string title, string body, int status, string? scriptNonce = null) => new HtmlPage(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<title>" + Html(title) + "</title><style>" + Style + "</style></head><body><main>" + body +
        "<p><small>Local commerce service</small></p></main></body></html>", status, scriptNonce);

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);

    /// <summary>An HTML answer that no other site may frame, no cache keeps, and that runs no script but the one it names by nonce.</summary>
    private sealed class HtmlPage(string html, int status, string? scriptNonce) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["X-Frame-Options"] = "DENY";
            var scripts = scriptNonce is null ? "" : $"; script-src 'nonce-{scriptNonce}'";
            context.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'{scripts}";
            return context.Response.WriteAsync(html, context.RequestAborted);
        }
    }
}
