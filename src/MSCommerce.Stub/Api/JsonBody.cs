using System.Text.Json;
using System.Text.Unicode;
using MSCommerce.Stub.Hosting;

namespace MSCommerce.Stub.Api;

/// <summary>Reads a request body that must be a JSON object; every way it can be wrong is a 4xx with a reason, never a 500.</summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    /// <param name="shape">What the body should look like, for the reason when it is empty.</param>
    public static async Task<(JsonElement Body, IResult? Error)> ReadObjectAsync(HttpRequest request, string shape)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (default, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (default, TooLarge());
            }
        }

        if (buffer.Length == 0)
        {
            return (default, ServiceErrors.BadRequest($"The request body is empty; send {shape}.", "InvalidRequestBody"));
        }

        // JsonDocument checks the structure only; invalid UTF-8 in a string would throw later, when it is read.
        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return (default, ServiceErrors.BadRequest("The request body is not valid UTF-8.", "InvalidRequestBody"));
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (default, ServiceErrors.BadRequest("The request body must be a JSON object.", "InvalidRequestBody"));
            }

            return JsonText.FirstInvalid(document.RootElement) is { } where
                ? (default, ServiceErrors.BadRequest($"{where} is not valid Unicode: it holds a lone surrogate (such as \\ud800); escape characters outside the BMP as surrogate pairs.", "InvalidRequestBody"))
                : (document.RootElement.Clone(), null);
        }
        catch (JsonException error)
        {
            return (default, ServiceErrors.BadRequest($"The request body is not valid JSON: {error.Message}", "InvalidRequestBody"));
        }
    }

    private static IResult TooLarge() =>
        ServiceErrors.Error(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"The request body is larger than {MaxBytes} bytes.");
}
