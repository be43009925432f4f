namespace MSCommerce.Stub.Api;

/// <summary>Reads a PUT body {"policyValue":"..."}; every way it can be wrong is a 4xx with a reason, never a 500.</summary>
public static class PolicyValueBody
{
    public const string Shape = """{"policyValue": "Enabled|Disabled|OnlyTrialsWithoutPaymentMethod"}""";

    public static async Task<(string? Value, IResult? Error)> ReadAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(request, Shape);
        if (error is not null)
        {
            return (null, error);
        }

        // A blank value is a string the policy does not take: PolicyValues names the values it does.
        var reader = new BodyReader(body, "policyValue");
        var value = reader.String("policyValue", required: true, allowBlank: true);
        return (value, reader.Error);
    }
}
