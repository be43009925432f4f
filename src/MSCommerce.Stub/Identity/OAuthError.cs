namespace MSCommerce.Stub.Identity;

/// <summary>Why the identity endpoints refuse a request, as Entra says it: the OAuth error, the AADSTS code, a description and the status.</summary>
public sealed record OAuthRefusal(string Error, string Aadsts, string Description, int Status = StatusCodes.Status400BadRequest);

/// <summary>OAuth error answers shaped like Entra's, which MSAL turns into MsalServiceException with the AADSTS code.</summary>
public static class OAuthError
{
    public static IResult Answer(OAuthRefusal refusal) => Answer(refusal.Error, refusal.Aadsts, refusal.Description, refusal.Status);

    public static IResult Answer(string error, string aadsts, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new
        {
            error,
            error_description = $"{aadsts}: {description}",
            error_codes = new[] { int.Parse(aadsts["AADSTS".Length..], System.Globalization.CultureInfo.InvariantCulture) },
            timestamp = DateTimeOffset.UtcNow.ToString("u"),
            trace_id = Guid.NewGuid().ToString(),
            correlation_id = Guid.NewGuid().ToString(),
        }, statusCode: status);
}
