namespace MSCommerce.Stub.Api;

/// <summary>The body of assigning a central subscription's licence: empty ({}), or the self-service purchase the user's licence moves from.</summary>
public static class SubscriptionBodies
{
    public const string AssignmentShape = """{"moveFrom": "<subscription id of a self-service purchase>"} or {}""";

    public static async Task<(string? MoveFrom, IResult? Error)> ReadAssignmentAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(request, AssignmentShape);
        if (error is not null)
        {
            return (null, error);
        }

        var reader = new BodyReader(body, "moveFrom");
        var moveFrom = reader.String("moveFrom", required: false, maxLength: 64);
        if (reader.Error is null && moveFrom is not null && !Guid.TryParse(moveFrom, out _))
        {
            return (null, ServiceErrors.BadRequest($"moveFrom '{moveFrom}' is not a subscription id (a GUID).", "InvalidRequestBody"));
        }

        return (moveFrom, reader.Error);
    }
}
