namespace MSCommerce.Stub.Api;

/// <summary>Error answers in the service's shape: {"errorCode","reason"}.</summary>
public static class ServiceErrors
{
    public static IResult BadRequest(string reason) => Error(StatusCodes.Status400BadRequest, "BadRequest", reason);

    public static IResult Unauthorized(string reason) => Error(StatusCodes.Status401Unauthorized, "Unauthorized", reason);

    public static IResult NotFound(string reason) => Error(StatusCodes.Status404NotFound, "NotFound", reason);

    public static IResult Error(int status, string errorCode, string reason) =>
        Results.Json(new { errorCode, reason }, statusCode: status);
}
