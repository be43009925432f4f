using System.Text.Json;

namespace MSCommerce.Stub.Api;

/// <summary>Reads a PUT body {"policyValue":"..."}; every way it can be wrong is a 4xx with a reason, never a 500.</summary>
public static class PolicyValueBody
{
    public const int MaxBytes = 16 * 1024;

    public static async Task<(string? Value, IResult? Error)> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, ServiceErrors.Error(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"The request body is larger than {MaxBytes} bytes."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, ServiceErrors.Error(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"The request body is larger than {MaxBytes} bytes."));
            }
        }

        if (buffer.Length == 0)
        {
            return (null, ServiceErrors.BadRequest("The request body is empty; send {\"policyValue\": \"Enabled|Disabled|OnlyTrialsWithoutPaymentMethod\"}.", "InvalidRequestBody"));
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ServiceErrors.BadRequest("The request body must be a JSON object.", "InvalidRequestBody"));
            }

            if (!document.RootElement.TryGetProperty("policyValue", out var value))
            {
                return (null, ServiceErrors.BadRequest("The request body has no policyValue.", "InvalidRequestBody"));
            }

            return value.ValueKind == JsonValueKind.String
                ? (value.GetString(), null)
                : (null, ServiceErrors.BadRequest($"policyValue must be a string, not {value.ValueKind}.", "InvalidRequestBody"));
        }
        catch (JsonException error)
        {
            return (null, ServiceErrors.BadRequest($"The request body is not valid JSON: {error.Message}", "InvalidRequestBody"));
        }
    }
}
