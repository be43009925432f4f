namespace MSCommerce.Stub.Api;

/// <summary>Echoes the caller's x-ms-correlation-id on every answer, or makes one up.</summary>
public static class CorrelationMiddleware
{
    public const string Header = "x-ms-correlation-id";

    public static string Of(HttpContext context) => (string)context.Items[Header]!;

    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var id = context.Request.Headers[Header].FirstOrDefault();
            if (string.IsNullOrWhiteSpace(id) || id.Length > 128)
            {
                id = Guid.NewGuid().ToString();
            }

            context.Items[Header] = id;
            context.Response.Headers[Header] = id;
            await next();
        });
}
