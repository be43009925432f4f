using MSCommerce.Stub.Identity.SignIn;

namespace MSCommerce.Stub.Identity.Endpoints;

/// <summary>
/// The browser sign-in of each tenant: GET /{tenant}/oauth2/v2.0/authorize checks the request and shows
/// the sign-in page (or signs in silently with the browser's session); the page posts back to the same
/// address, and a right password sends the browser to the client's redirect URI with a code. The rules
/// live in Identity/SignIn/ (<see cref="BrowserSignIn"/>, <see cref="PasswordSignIn"/>).
/// </summary>
public static class AuthorizeEndpoints
{
    public static void MapBrowserSignIn(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/{tenant}/oauth2/v2.0/authorize", Start);
        routes.MapPost("/{tenant}/oauth2/v2.0/authorize", Submit);
    }

    private static IResult Start(HttpContext context, string tenant, BrowserSignIn rules, BrowserSessions sessions)
    {
        var query = context.Request.Query;
        var request = AuthorizeRequest.From(tenant, name => query.TryGetValue(name, out var value) ? value.ToString() : null);
        var sessionUser = sessions.SignedIn(context);
        var (step, refusal) = rules.Decide(request, sessionUser);
        return step switch
        {
            AuthorizeStep.ShowError => SignInPage.Error(refusal!),
            AuthorizeStep.RedirectError => RedirectError(request, refusal!),
            AuthorizeStep.RedirectCode => RedirectCode(request, rules.IssueCode(request, sessionUser!)),
            _ => Form(context, request, request.LoginHint ?? (request.Prompt == "select_account" ? sessionUser : null), null),
        };
    }

    private static async Task<IResult> Submit(HttpContext context, string tenant, BrowserSignIn rules, PasswordSignIn passwords, BrowserSessions sessions)
    {
        if (await IdentityEndpoints.ReadForm(context) is not { } form)
        {
            return SignInPage.Error(new OAuthRefusal("invalid_request", "AADSTS900144", "The sign-in form must be posted as application/x-www-form-urlencoded."));
        }

        var request = AuthorizeRequest.From(tenant, name => form.TryGetValue(name, out var value) ? value.ToString() : null);

        // The form carries the request again: it is checked again, so a changed hidden field gains nothing.
        var (step, refusal) = rules.Decide(request with { Prompt = "login" }, null);
        if (step == AuthorizeStep.ShowError)
        {
            return SignInPage.Error(refusal!);
        }

        if (step == AuthorizeStep.RedirectError)
        {
            return RedirectError(request, refusal!);
        }

        var userName = form["login"].ToString();
        var (user, wrong) = passwords.Check(userName, form["passwd"].ToString());
        if (user is null)
        {
            return Form(context, request, userName, wrong);
        }

        sessions.Start(context, user.UserPrincipalName);
        return RedirectCode(request, rules.IssueCode(request, user.UserPrincipalName));
    }

    private static IResult Form(HttpContext context, AuthorizeRequest request, string? userName, OAuthRefusal? error) =>
        SignInPage.Form(context.Request.PathBase + context.Request.Path, $"to {request.Tenant}, for the app {request.ClientId}", request.Parameters(), userName, error);

    private static IResult RedirectCode(AuthorizeRequest request, string code) =>
        Answer(request, [new("code", code), new("state", request.State)]);

    private static IResult RedirectError(AuthorizeRequest request, OAuthRefusal refusal) =>
        Answer(request, [new("error", refusal.Error), new("error_description", $"{refusal.Aadsts}: {refusal.Description}"), new("state", request.State)]);

    /// <summary>The answer to the client: in the redirect URI's query, or (response_mode=form_post) as a form the browser posts to it.</summary>
    private static IResult Answer(AuthorizeRequest request, KeyValuePair<string, string?>[] parameters) =>
        request.PostsBack
            ? SignInPage.PostBack(request.RedirectUri, parameters.Where(parameter => parameter.Value is not null))
            : Results.Redirect(WithQuery(request.RedirectUri, parameters));

    private static string WithQuery(string redirectUri, KeyValuePair<string, string?>[] parameters) =>
        redirectUri + "?" + string.Join("&", parameters.Where(parameter => parameter.Value is not null)
            .Select(parameter => $"{parameter.Key}={Uri.EscapeDataString(parameter.Value!)}"));
}
