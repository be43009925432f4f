using System.Text.Json;

namespace MSCommerce.Stub.Api;

/// <summary>Reads a PUT body {"policyValue":"..."}; every way it can be wrong is a 4xx with a reason, never a 500.</summary>
public static class PolicyValueBody
{
    public static async Task<(string? Value, IResult? Error)> ReadAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(request, "{\"policyValue\": \"Enabled|Disabled|OnlyTrialsWithoutPaymentMethod\"}");
        if (error is not null)
        {
            return (null, error);
        }

        if (!body.TryGetProperty("policyValue", out var value))
        {
            return (null, ServiceErrors.BadRequest("The request body has no policyValue.", "InvalidRequestBody"));
        }

        return value.ValueKind == JsonValueKind.String
            ? (value.GetString(), null)
            : (null, ServiceErrors.BadRequest($"policyValue must be a string, not {value.ValueKind}.", "InvalidRequestBody"));
    }
}
