using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using MSCommerce.Stub;

namespace MSCommerce.Stub.Tests;

/// <summary>
/// The authorization code flow with PKCE, as a browser and then a client go through it: the
/// authorize endpoint and its sign-in page, the code's redirect, the token endpoint's authorization_code
/// grant, and every refusal with Entra's AADSTS code. A browser here is an HttpClient that keeps
/// cookies and does not follow redirects, so each step's answer is seen as the browser gets it.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed partial class BrowserSignInTests(ServiceFixture service) : IDisposable
{
    private const string Scope = "aeb86249-8ea3-49e2-900b-54cc8e308f85/.default openid profile offline_access";
    private const string ModuleClientId = "3d5cffa9-04da-4657-8cab-c7f074657cad";
    private const string RedirectUri = "http://localhost:54321";

    private readonly Browser _browser = new(service);

    public void Dispose() => _browser.Dispose();

    [Fact]
    public void The_sign_in_page_is_a_plain_form_with_labelled_fields_that_needs_no_script()
    {
        var pkce = Pkce.Create();
        using var page = _browser.Get(AuthorizeUrl(pkce, loginHint: DemoData.AdminUpn));

        page.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = Text(page);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("<label for=\"login\">User name</label>", html);
        Assert.Contains("<label for=\"passwd\">Password</label>", html);
        Assert.Contains("type=\"password\"", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DemoData.AdminUpn, Browser.Fields(html)["login"]);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
    }

    [Fact]
    public void Signing_in_as_the_admin_redirects_a_code_that_the_verifier_redeems_for_the_admins_tokens_once()
    {
        var pkce = Pkce.Create();
        var code = SignIn(pkce, DemoData.AdminUpn, DemoData.ContosoDomain, "nonce-123", "state-abc", out var state);
        Assert.Equal("state-abc", state);

        using var redeemed = Redeem(code, pkce.Verifier);
        redeemed.AssertStatus(HttpStatusCode.OK);
        var answer = ServiceFixture.Json(redeemed);
        var access = Claims(answer.GetProperty("access_token").GetString()!);
        Assert.Equal(DemoData.AdminUpn, access.GetProperty("upn").GetString());
        Assert.Contains("62e90394-69f5-4237-9190-012177145e10", access.GetProperty("wids").EnumerateArray().Select(role => role.GetString()));
        var idToken = Claims(answer.GetProperty("id_token").GetString()!);
        Assert.Equal("nonce-123", idToken.GetProperty("nonce").GetString());
        Assert.Equal(ModuleClientId, idToken.GetProperty("aud").GetString());
        Assert.True(answer.TryGetProperty("client_info", out _));
        Assert.True(answer.TryGetProperty("refresh_token", out _));

        using var replayed = Redeem(code, pkce.Verifier);
        AssertRefused(replayed, "invalid_grant", "AADSTS54005");
    }

    [Fact]
    public void A_verifier_cannot_be_replayed_with_another_code_and_the_code_it_failed_on_is_spent()
    {
        var first = Pkce.Create();
        using (var redeemed = Redeem(SignIn(first, DemoData.AdminUpn), first.Verifier))
        {
            redeemed.AssertStatus(HttpStatusCode.OK);
        }

        // The browser's session signs in silently now: a new code, for a new challenge.
        var second = Pkce.Create();
        var code = CodeFrom(_browser.Get(AuthorizeUrl(second, prompt: "none")));

        using var replayedVerifier = Redeem(code, first.Verifier);
        AssertRefused(replayedVerifier, "invalid_grant", "AADSTS501481");
        using var afterwards = Redeem(code, second.Verifier);
        AssertRefused(afterwards, "invalid_grant", "AADSTS54005");
    }

    [Fact]
    public void A_redemption_without_the_verifier_is_refused()
    {
        var pkce = Pkce.Create();
        using var refused = Redeem(SignIn(pkce, DemoData.AdminUpn), verifier: null);

        AssertRefused(refused, "invalid_grant", "AADSTS501481");
    }

    [Fact]
    public void With_response_mode_form_post_the_code_comes_back_in_a_form_posted_to_the_redirect_uri()
    {
        var pkce = Pkce.Create();
        using var page = _browser.Get(AuthorizeUrl(pkce, state: "posted") + "&response_mode=form_post");
        using var answer = _browser.Post(page, new() { ["login"] = DemoData.AdminUpn, ["passwd"] = DemoData.DemoUserPassword });

        answer.AssertStatus(HttpStatusCode.OK);
        var html = Text(answer);
        Assert.Contains($"<form method=\"post\" action=\"{RedirectUri}\">", html);
        Assert.Contains("<button type=\"submit\" id=\"submit\">Continue</button>", html);
        var fields = Browser.Fields(html);
        Assert.Equal("posted", fields["state"]);
        using var redeemed = Redeem(fields["code"], pkce.Verifier);
        redeemed.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public void A_code_redeemed_after_its_lifetime_is_expired()
    {
        var pkce = Pkce.Create();
        Settings(codeLifetimeSeconds: 0);
        string code;
        try
        {
            code = SignIn(pkce, DemoData.AdminUpn);
        }
        finally
        {
            Settings(codeLifetimeSeconds: 600);
        }

        using var refused = Redeem(code, pkce.Verifier);
        AssertRefused(refused, "invalid_grant", "AADSTS70008");
    }

    [Theory]
    [InlineData("client")]
    [InlineData("redirect")]
    [InlineData("tenant")]
    public void A_code_is_bound_to_its_client_redirect_uri_and_tenant(string changed)
    {
        var pkce = Pkce.Create();
        var code = SignIn(pkce, DemoData.AdminUpn);

        using var refused = Redeem(code, pkce.Verifier,
            clientId: changed == "client" ? DemoData.AutomationClientId : ModuleClientId,
            redirectUri: changed == "redirect" ? "http://localhost:54322" : RedirectUri,
            tenant: changed == "tenant" ? DemoData.FabrikamDomain : DemoData.ContosoDomain);

        AssertRefused(refused, "invalid_grant", "AADSTS70000");
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("http://localhost:61000")]
    [InlineData("http://localhost:61000/")]
    [InlineData("http://localhost:61000/m365/commerce")]
    [InlineData("http://localhost/m365/commerce")]
    public void The_modules_loopback_redirect_uris_are_accepted_on_any_port(string redirectUri)
    {
        using var page = _browser.Get(AuthorizeUrl(Pkce.Create(), redirectUri: redirectUri));

        page.AssertStatus(HttpStatusCode.OK);
        Assert.Contains("name=\"passwd\"", Text(page));
    }

    [Theory]
    [InlineData("https://localhost:61000")]
    [InlineData("http://localhost.example.com:61000")]
    [InlineData("http://127.0.0.2:61000")]
    [InlineData("http://localhost:61000/elsewhere")]
    [InlineData("http://localhost:61000/?next=https://example.com")]
    [InlineData("")]
    public void A_redirect_uri_the_client_did_not_register_is_shown_as_AADSTS50011_and_never_redirected_to(string redirectUri)
    {
        using var page = _browser.Get(AuthorizeUrl(Pkce.Create(), redirectUri: redirectUri));

        page.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Null(page.Headers.Location);
        Assert.Contains("AADSTS50011", Text(page));
    }

    [Fact]
    public void An_unknown_client_or_tenant_is_shown_and_never_redirected_to()
    {
        using var unknownClient = _browser.Get(AuthorizeUrl(Pkce.Create(), clientId: Guid.NewGuid().ToString()));
        using var unknownTenant = _browser.Get(AuthorizeUrl(Pkce.Create(), tenant: "nowhere.onmicrosoft.com"));
        using var confidentialApp = _browser.Get(AuthorizeUrl(Pkce.Create(), clientId: DemoData.AutomationClientId));

        Assert.Contains("AADSTS700016", Text(unknownClient));
        Assert.Contains("AADSTS90002", Text(unknownTenant));
        Assert.Contains("AADSTS50011", Text(confidentialApp));
        Assert.All(new[] { unknownClient, unknownTenant, confidentialApp }, page => Assert.Null(page.Headers.Location));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("plain", "plain")]
    [InlineData("S256", null)]
    public void A_request_without_an_S256_challenge_is_sent_back_to_the_client_as_invalid_request(string? method, string? challenge)
    {
        var pkce = Pkce.Create();
        var url = AuthorizeUrl(pkce, state: "s1").Replace($"&code_challenge={pkce.Challenge}&code_challenge_method=S256", "", StringComparison.Ordinal)
            + (challenge is null && method == "S256" ? "&code_challenge_method=S256" : "")
            + (challenge is not null ? $"&code_challenge={pkce.Verifier}&code_challenge_method={method}" : "");

        var error = ErrorFrom(_browser.Get(url));

        Assert.Equal("invalid_request", error["error"]);
        Assert.StartsWith("AADSTS9002325", error["error_description"]);
        Assert.Equal("s1", error["state"]);
    }

    [Fact]
    public void Prompt_none_without_a_session_is_login_required_and_with_one_it_is_a_code()
    {
        var error = ErrorFrom(_browser.Get(AuthorizeUrl(Pkce.Create(), prompt: "none", state: "quiet")));
        Assert.Equal("login_required", error["error"]);
        Assert.StartsWith("AADSTS50058", error["error_description"]);
        Assert.Equal("quiet", error["state"]);

        SignIn(Pkce.Create(), DemoData.GlobalReaderUpn);
        var pkce = Pkce.Create();
        using var redeemed = Redeem(CodeFrom(_browser.Get(AuthorizeUrl(pkce, prompt: "none"))), pkce.Verifier);
        Assert.Equal(DemoData.GlobalReaderUpn, Claims(ServiceFixture.Json(redeemed).GetProperty("access_token").GetString()!).GetProperty("upn").GetString());
    }

    [Fact]
    public void Prompt_login_shows_the_page_even_with_a_session()
    {
        SignIn(Pkce.Create(), DemoData.AdminUpn);

        using var page = _browser.Get(AuthorizeUrl(Pkce.Create(), prompt: "login"));

        page.AssertStatus(HttpStatusCode.OK);
        Assert.Contains("name=\"passwd\"", Text(page));
    }

    [Theory]
    [InlineData(DemoData.AdminUpn, "not-the-password", "AADSTS50126")]
    [InlineData("nobody@contoso.onmicrosoft.com", DemoData.DemoUserPassword, "AADSTS50034")]
    [InlineData(DemoData.DanaUpn, DemoData.DemoUserPassword, "AADSTS50057")]
    public void A_refused_sign_in_shows_the_page_again_with_the_error_and_sends_no_code(string userName, string password, string aadsts)
    {
        using var page = _browser.Get(AuthorizeUrl(Pkce.Create()));
        using var answer = _browser.Post(page, new() { ["login"] = userName, ["passwd"] = password });

        answer.AssertStatus(HttpStatusCode.OK);
        Assert.Null(answer.Headers.Location);
        var html = Text(answer);
        Assert.Matches($"<p id=\"error\" class=\"error\" role=\"alert\">{aadsts}: ", html);
        Assert.Contains("aria-describedby=\"error\"", html);
        Assert.Equal(userName, Browser.Fields(html)["login"]);
        Assert.False(_browser.HasSession);
    }

    [Fact]
    public void A_disabled_user_is_AADSTS50057()
    {
        var upn = $"disabled-{Guid.NewGuid():N}@contoso.onmicrosoft.com";
        service.Admin.Post($"_admin/tenants/{DemoData.ContosoDomain}/users", new { userPrincipalName = upn, accountEnabled = false });

        using var page = _browser.Get(AuthorizeUrl(Pkce.Create()));
        using var answer = _browser.Post(page, new() { ["login"] = upn, ["passwd"] = DemoData.DemoUserPassword });

        Assert.Contains("AADSTS50057", Text(answer));
    }

    [Fact]
    public void At_organizations_the_person_signs_in_to_their_home_tenant()
    {
        var pkce = Pkce.Create();
        var code = SignIn(pkce, DemoData.BillingAdminUpn, tenant: "organizations");

        using var redeemed = Redeem(code, pkce.Verifier, tenant: "organizations");

        redeemed.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(DemoData.ContosoTenantId, Claims(ServiceFixture.Json(redeemed).GetProperty("access_token").GetString()!).GetProperty("tid").GetString());
    }

    [Fact]
    public void The_device_login_page_takes_the_code_then_the_sign_in_and_the_device_gets_its_tokens()
    {
        using var start = PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/devicecode", new() { ["client_id"] = ModuleClientId, ["scope"] = Scope });
        var grant = ServiceFixture.Json(start);
        var userCode = grant.GetProperty("user_code").GetString()!;

        using var codePage = _browser.Get("devicelogin");
        Assert.Contains("<label for=\"otc\">Code</label>", Text(codePage));
        using var wrong = _browser.Post(codePage, new() { ["otc"] = "NOTACODE1" });
        Assert.Contains("role=\"alert\"", Text(wrong));
        using var signInPage = _browser.Post(codePage, new() { ["otc"] = userCode.ToLowerInvariant() });
        Assert.Contains("name=\"passwd\"", Text(signInPage));
        using var wrongPassword = _browser.Post(signInPage, new() { ["login"] = DemoData.AdminUpn, ["passwd"] = "nope" });
        Assert.Contains("AADSTS50126", Text(wrongPassword));
        using var done = _browser.Post(signInPage, new() { ["login"] = DemoData.AdminUpn, ["passwd"] = DemoData.DemoUserPassword });
        Assert.Contains("You may now close this window", Text(done));

        using var tokens = PostForm($"{DemoData.ContosoDomain}/oauth2/v2.0/token", new()
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code", ["client_id"] = ModuleClientId, ["device_code"] = grant.GetProperty("device_code").GetString()!, ["scope"] = Scope,
        });
        tokens.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(DemoData.AdminUpn, Claims(ServiceFixture.Json(tokens).GetProperty("access_token").GetString()!).GetProperty("upn").GetString());
    }

    private string SignIn(Pkce pkce, string userPrincipalName, string tenant = DemoData.ContosoDomain, string? nonce = null, string? state = null) =>
        SignIn(pkce, userPrincipalName, tenant, nonce, state, out _);

    private string SignIn(Pkce pkce, string userPrincipalName, string tenant, string? nonce, string? state, out string? returnedState)
    {
        using var page = _browser.Get(AuthorizeUrl(pkce, tenant: tenant, nonce: nonce, state: state, prompt: "login"));
        page.AssertStatus(HttpStatusCode.OK);
        var answer = _browser.Post(page, new() { ["login"] = userPrincipalName, ["passwd"] = DemoData.DemoUserPassword });
        var query = Redirected(answer);
        returnedState = query["state"];
        return query["code"] ?? throw new Xunit.Sdk.XunitException("No code in the redirect.");
    }

    private static string AuthorizeUrl(Pkce pkce, string tenant = DemoData.ContosoDomain, string clientId = ModuleClientId, string redirectUri = RedirectUri,
        string? prompt = null, string? loginHint = null, string? nonce = null, string? state = null)
    {
        var url = $"{tenant}/oauth2/v2.0/authorize?client_id={clientId}&response_type=code&redirect_uri={Uri.EscapeDataString(redirectUri)}&scope={Uri.EscapeDataString(Scope)}"
            + $"&code_challenge={pkce.Challenge}&code_challenge_method=S256";
        if (prompt is not null) url += "&prompt=" + prompt;
        if (loginHint is not null) url += "&login_hint=" + Uri.EscapeDataString(loginHint);
        if (nonce is not null) url += "&nonce=" + nonce;
        if (state is not null) url += "&state=" + state;
        return url;
    }

    private void Settings(int codeLifetimeSeconds)
    {
        using var response = service.Http.PutAsJsonAsync("_admin/settings", new { authorizationCodeLifetimeSeconds = codeLifetimeSeconds }).GetAwaiter().GetResult();
        response.AssertStatus(HttpStatusCode.OK);
    }

    private HttpResponseMessage PostForm(string path, Dictionary<string, string> form) =>
        service.Http.PostAsync(path, new FormUrlEncodedContent(form)).GetAwaiter().GetResult();

    private HttpResponseMessage Redeem(string code, string? verifier, string clientId = ModuleClientId, string redirectUri = RedirectUri, string tenant = DemoData.ContosoDomain)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code, ["redirect_uri"] = redirectUri, ["scope"] = Scope };
        if (verifier is not null) form["code_verifier"] = verifier;
        return PostForm($"{tenant}/oauth2/v2.0/token", form);
    }

    private static System.Collections.Specialized.NameValueCollection Redirected(HttpResponseMessage answer)
    {
        using (answer)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)answer.StatusCode}: {Text(answer)}");
            var location = answer.Headers.Location!;
            Assert.StartsWith(RedirectUri, location.AbsoluteUri.TrimEnd('/'));
            return HttpUtility.ParseQueryString(location.Query);
        }
    }

    private static string CodeFrom(HttpResponseMessage answer) => Redirected(answer)["code"] ?? throw new Xunit.Sdk.XunitException("No code in the redirect.");

    private static System.Collections.Specialized.NameValueCollection ErrorFrom(HttpResponseMessage answer)
    {
        var query = Redirected(answer);
        Assert.Null(query["code"]);
        return query;
    }

    private static void AssertRefused(HttpResponseMessage response, string error, string aadsts)
    {
        response.AssertStatus(HttpStatusCode.BadRequest);
        var answer = ServiceFixture.Json(response);
        Assert.Equal(error, answer.GetProperty("error").GetString());
        Assert.StartsWith(aadsts + ":", answer.GetProperty("error_description").GetString());
    }

    private static string Text(HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

    private static JsonElement Claims(string jwt) => JsonDocument.Parse(AuthorizationTests.Decode(jwt.Split('.')[1])).RootElement.Clone();

    private sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce Create()
        {
            var verifier = AuthorizationTests.Encode(RandomNumberGenerator.GetBytes(32));
            return new Pkce(verifier, AuthorizationTests.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        }
    }

    /// <summary>A browser without script: it keeps cookies, shows each answer as it comes, and posts forms with their hidden fields.</summary>
    private sealed partial class Browser : IDisposable
    {
        private readonly CookieContainer _cookies = new();
        private readonly HttpClient _http;
        private readonly Uri _base;

        public Browser(ServiceFixture service)
        {
            var thumbprint = service.Service.Certificate.Thumbprint;
            _base = service.Service.BaseAddress;
            _http = new HttpClient(new HttpClientHandler
            {
                AllowAutoRedirect = false,
                CookieContainer = _cookies,
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
            }) { BaseAddress = _base };
        }

        public bool HasSession => _cookies.GetCookies(_base).Count > 0;

        public HttpResponseMessage Get(string url) => _http.GetAsync(url).GetAwaiter().GetResult();

        /// <summary>Submits the page's form: its hidden fields, then <paramref name="typed"/>, to its action.</summary>
        public HttpResponseMessage Post(HttpResponseMessage page, Dictionary<string, string> typed)
        {
            var html = Text(page);
            var fields = Fields(html).Where(field => !typed.ContainsKey(field.Key)).ToDictionary();
            foreach (var (name, value) in typed) fields[name] = value;
            var action = WebUtility.HtmlDecode(ActionPattern().Match(html).Groups[1].Value);
            return _http.PostAsync(action, new FormUrlEncodedContent(fields)).GetAwaiter().GetResult();
        }

        public static Dictionary<string, string> Fields(string html) =>
            InputPattern().Matches(html).ToDictionary(match => match.Groups[1].Value, match => WebUtility.HtmlDecode(ValuePattern().Match(match.Value) is { Success: true } value ? value.Groups[1].Value : ""));

        public void Dispose() => _http.Dispose();

        [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
        private static partial Regex ActionPattern();

        [GeneratedRegex("<input[^>]*name=\"([^\"]+)\"[^>]*>")]
        private static partial Regex InputPattern();

        [GeneratedRegex("value=\"([^\"]*)\"")]
        private static partial Regex ValuePattern();
    }
}
