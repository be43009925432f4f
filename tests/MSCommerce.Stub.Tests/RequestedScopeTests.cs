using MSCommerce.Stub.Identity.SignIn;

namespace MSCommerce.Stub.Tests;

/// <summary>Which audience a scope asks for: the resource named exactly, as Entra reads it.</summary>
public sealed class RequestedScopeTests
{
    private const string LicenseManager = "aeb86249-8ea3-49e2-900b-54cc8e308f85";
    private const string Graph = "https://graph.microsoft.com";

    [Theory]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85/.default", LicenseManager)]
    [InlineData("AEB86249-8EA3-49E2-900B-54CC8E308F85/.default", LicenseManager)]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85/.default openid profile offline_access", LicenseManager)]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85/user_impersonation", LicenseManager)]
    [InlineData("https://graph.microsoft.com/.default", Graph)]
    [InlineData("00000003-0000-0000-c000-000000000000/.default", Graph)]
    [InlineData("https://graph.microsoft.com/.default 00000003-0000-0000-c000-000000000000/Directory.Read.All", Graph)]
    public void A_scope_naming_a_known_resource_exactly_asks_for_its_audience(string scope, string audience) =>
        Assert.Equal(audience, RequestedScope.Audience(scope));

    [Theory]
    [InlineData("")]
    [InlineData("openid profile offline_access")]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85xyz/.default")]
    [InlineData("xaeb86249-8ea3-49e2-900b-54cc8e308f85/.default")]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85")]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85/")]
    [InlineData("/.default")]
    [InlineData("https://graph.microsoft.com.example.com/.default")]
    [InlineData("https://graph.microsoft.com/x/.default")]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85/.default User.Read")]
    [InlineData("aeb86249-8ea3-49e2-900b-54cc8e308f85/.default https://graph.microsoft.com/.default")]
    public void Any_other_scope_asks_for_nothing_and_is_refused(string scope) =>
        Assert.Null(RequestedScope.Audience(scope));
}
