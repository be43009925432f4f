namespace MSCommerce.Stub.Api;

/// <summary>
/// The bodies of the calls that move licences onto a central subscription. Subscription ids are read as
/// the URL reads them: any spelling of a GUID (upper case, braces, no dashes), then used in its canonical form.
/// </summary>
public static class SubscriptionBodies
{
    public const string AssignmentShape = """{"moveFrom": "<subscription id of a self-service purchase>"} or {}""";
    public const string TakeOverShape = """{"destination": "<subscription id of an organisation subscription>"} or {}""";

    /// <summary>Assigning a central subscription's licence: empty ({}), or the self-service purchase the user's licence moves from.</summary>
    public static async Task<(string? MoveFrom, IResult? Error)> ReadAssignmentAsync(HttpRequest request) =>
        await ReadSubscriptionIdAsync(request, AssignmentShape, "moveFrom", "a self-service purchase");

    /// <summary>Taking over a self-service purchase: empty ({}) lets the service choose where its users go.</summary>
    public static async Task<(string? Destination, IResult? Error)> ReadTakeOverAsync(HttpRequest request) =>
        await ReadSubscriptionIdAsync(request, TakeOverShape, "destination", "an organisation subscription");

    private static async Task<(string? Id, IResult? Error)> ReadSubscriptionIdAsync(HttpRequest request, string shape, string name, string what)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(request, shape);
        if (error is not null)
        {
            return (null, error);
        }

        var reader = new BodyReader(body, name);
        var text = reader.String(name, required: false, maxLength: 64);
        if (reader.Error is not null || text is null)
        {
            return (null, reader.Error);
        }

        return Guid.TryParse(text, out var id)
            ? (id.ToString(), null)
            : (null, ServiceErrors.BadRequest($"{name} '{text}' is not the subscription id (a GUID) of {what}.", "InvalidRequestBody"));
    }
}
