using MSCommerce.Stub.Identity.SignIn;

namespace MSCommerce.Stub.Identity.Endpoints;

/// <summary>
/// /devicelogin, the page a device-code sign-in sends people to, as Microsoft's: the code the device
/// shows, then the sign-in page; a right password approves that sign-in. The test control that
/// approves a code without a page stays for tests.
/// </summary>
public static class DeviceLoginEndpoints
{
    private const string Path = "/devicelogin";

    public static void MapDeviceLogin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, () => SignInPage.CodeForm(Path, null));
        routes.MapPost(Path, Submit);
    }

    private static async Task<IResult> Submit(HttpContext context, DeviceCodes codes, PasswordSignIn passwords, BrowserSessions sessions, TimeProvider clock)
    {
        if (await IdentityEndpoints.ReadForm(context) is not { } form)
        {
            return SignInPage.CodeForm(Path, null);
        }

        var userCode = form["otc"].ToString().Trim().Replace("-", "", StringComparison.Ordinal);
        var grant = codes.ByUserCode(userCode);
        if (grant is null || grant.State != DeviceCodeState.Pending || grant.ExpiresOn <= clock.GetUtcNow())
        {
            return SignInPage.CodeForm(Path, new OAuthRefusal("invalid_grant", "AADSTS70020", "That code didn't work. Check the code and try again: it may have expired or been used."));
        }

        var hidden = new[] { new KeyValuePair<string, string?>("otc", grant.UserCode) };
        if (!form.ContainsKey("login"))
        {
            return SignInPage.Form(Path, $"to {grant.Tenant}, for the app {grant.ClientId} on your device", hidden, sessions.SignedIn(context), null);
        }

        var userName = form["login"].ToString();
        var (user, wrong) = passwords.Check(userName, form["passwd"].ToString());
        if (user is null)
        {
            return SignInPage.Form(Path, $"to {grant.Tenant}, for the app {grant.ClientId} on your device", hidden, userName, wrong);
        }

        sessions.Start(context, user.UserPrincipalName);
        grant.UserPrincipalName = user.UserPrincipalName;
        grant.State = DeviceCodeState.Approved;
        return SignInPage.Message("You're signed in", $"You have signed in as {user.UserPrincipalName} on your device. You may now close this window.", StatusCodes.Status200OK);
    }
}
