namespace MSCommerce.Stub.Identity;

/// <summary>OAuth error answers shaped like Entra's, which MSAL turns into MsalServiceException with the AADSTS code.</summary>
public static class OAuthError
{
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
