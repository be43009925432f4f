namespace MSCommerce.Stub.Api;

/// <summary>Refuses API calls that carry no bearer token.</summary>
public static class BearerTokenMiddleware
{
    public static IApplicationBuilder UseBearerTokens(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var authorization = context.Request.Headers.Authorization.FirstOrDefault();
            if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= "Bearer ".Length)
            {
                await ServiceErrors.Unauthorized("A bearer token is required.").ExecuteAsync(context);
                return;
            }

            await next();
        });
}
