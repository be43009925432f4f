using Microsoft.Identity.Client;
using System.Reflection;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Purchases;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Client.Tests;

/// <summary>The client's error contract: the service's codes are the client's constants, and a sign-in failure's kind comes from codes, never from its message.</summary>
public sealed class ErrorCodeTests
{
    private static IReadOnlyDictionary<string, string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .ToDictionary(field => field.Name, field => (string)field.GetRawConstantValue()!);

    [Fact]
    public void Every_code_of_a_refused_change_the_service_answers_is_a_constant_of_the_client_by_the_same_name()
    {
        var client = Constants(typeof(CommerceErrorCodes));
        var service = Constants(typeof(ChangeErrorCodes));

        Assert.NotEmpty(service);
        Assert.All(service, code => Assert.Equal(code.Value, client.GetValueOrDefault(code.Key)));
    }

    [Fact]
    public void Each_code_is_its_own_name_and_the_take_over_codes_the_service_shares_are_the_same()
    {
        Assert.All(Constants(typeof(CommerceErrorCodes)), code => Assert.Equal(code.Key, code.Value));
        Assert.Equal(CommerceErrorCodes.NotEnoughLicences, TakeOverErrors.NotEnoughLicences);
        Assert.Equal(CommerceErrorCodes.DestinationNotFound, TakeOverErrors.DestinationNotFound);
        Assert.Equal(CommerceErrorCodes.NotSent, CommerceServiceException.NotSentCode);
    }

    [Theory]
    [InlineData("invalid_grant", "AADSTS50020", SignInErrorKind.AccountNotInTenant)]
    [InlineData("unauthorized_client", "AADSTS700016", SignInErrorKind.AppNotInTenant)]
    [InlineData("unauthorized_client", "", SignInErrorKind.AppNotAllowed)]
    [InlineData("invalid_request", "AADSTS50011", SignInErrorKind.AppNotAllowed)]
    [InlineData("invalid_client", "AADSTS7000215", SignInErrorKind.InvalidCredential)]
    [InlineData("invalid_request", "AADSTS90002", SignInErrorKind.TenantNotFound)]
    [InlineData("invalid_grant", "AADSTS50126", SignInErrorKind.AccountRefused)]
    [InlineData("access_denied", "", SignInErrorKind.Cancelled)]
    [InlineData("linux_xdg_open_failed", "", SignInErrorKind.NoBrowser)]
    [InlineData("http_listener_error", "", SignInErrorKind.NoBrowser)]
    [InlineData("expired_token", "AADSTS70020", SignInErrorKind.CodeExpired)]
    [InlineData("invalid_scope", "AADSTS70011", SignInErrorKind.InvalidScope)]
    [InlineData("invalid_grant", "AADSTS700024", SignInErrorKind.Other)]
    [InlineData(null, "", SignInErrorKind.Other)]
    public void A_sign_in_failures_kind_is_read_from_its_OAuth_error_and_AADSTS_codes(string? error, string aadsts, SignInErrorKind kind)
    {
        Assert.Equal(kind, SignInFailures.Classify(error, aadsts.Length == 0 ? [] : [aadsts]));
    }

    [Fact]
    public void An_AADSTS_code_in_the_message_alone_does_not_decide_the_kind()
    {
        var error = new SignInException("Sign-in was refused: AADSTS50020: User account from identity provider does not exist in tenant; check the certificate or secret.", "invalid_grant");

        Assert.Equal(SignInErrorKind.Other, error.Kind);
        Assert.Empty(error.IdentityErrorCodes);
    }

    private const string NoAccessAnswer = """{"error":"invalid_grant","error_description":"AADSTS50020: User account does not exist in tenant.","error_codes":[50020]}""";

    [Fact]
    public void A_refusal_whose_codes_MSAL_did_not_carry_over_is_read_from_the_identity_platforms_answer()
    {
        var refusal = new MsalUiRequiredException("invalid_grant", "AADSTS50020: User account does not exist in tenant.") { ResponseBody = NoAccessAnswer };

        var error = new SignInException("No token could be had in the tenant without signing in again.", refusal.ErrorCode, refusal);

        Assert.Equal(["AADSTS50020"], error.IdentityErrorCodes);
        Assert.Equal(SignInErrorKind.AccountNotInTenant, error.Kind);
    }

    [Fact]
    public void A_silent_sign_in_repeated_soon_after_a_refusal_has_the_refusals_kind()
    {
        // MSAL answers the repeat from its memory of the first refusal, as a fleet command does when a customer is asked twice.
        var first = new MsalUiRequiredException("invalid_grant", "AADSTS50020: User account does not exist in tenant.") { ResponseBody = NoAccessAnswer };
        var repeated = new MsalThrottledUiRequiredException(first);

        var error = new SignInException("No token could be had in the tenant without signing in again.", repeated.ErrorCode, repeated);

        Assert.Equal(SignInErrorKind.AccountNotInTenant, error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>busy</html>")]
    [InlineData("""{"error":"invalid_grant"}""")]
    [InlineData("""{"error_codes":"50020"}""")]
    [InlineData("[50020]")]
    public void An_answer_without_an_error_codes_array_gives_no_codes_and_no_kind(string body)
    {
        var refusal = new MsalUiRequiredException("invalid_grant", "refused") { ResponseBody = body };

        var error = new SignInException("refused", refusal.ErrorCode, refusal);

        Assert.Empty(error.IdentityErrorCodes);
        Assert.Equal(SignInErrorKind.Other, error.Kind);
    }
}
