namespace MSCommerce.Stub.Api;

/// <summary>Error answers in the service's shape: {"errorCode","reason"}.</summary>
public static class ServiceErrors
{
    public static IResult BadRequest(string reason, string errorCode = "BadRequest") => Error(StatusCodes.Status400BadRequest, errorCode, reason);

    public static IResult Unauthorized(string reason) => Error(StatusCodes.Status401Unauthorized, "InvalidToken", reason);

    public static IResult Forbidden(string reason) => Error(StatusCodes.Status403Forbidden, "Forbidden", reason);

    public static IResult NotFound(string reason, string errorCode = "NotFound") => Error(StatusCodes.Status404NotFound, errorCode, reason);

    public static IResult Error(int status, string errorCode, string reason) =>
        Results.Json(new { errorCode, reason }, statusCode: status);
}
