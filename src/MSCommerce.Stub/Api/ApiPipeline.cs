using MSCommerce.Stub.Identity;
using MSCommerce.Stub.Testing;

namespace MSCommerce.Stub.Api;

/// <summary>
/// What every call to the REST API goes through, in order: the request log, injected faults and
/// latency, the bearer token, and the tenant's rate limit.
/// </summary>
public static class ApiPipeline
{
    private const string CallerKey = "caller";

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/v1.0", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    public static Caller Caller(this HttpContext context) => (Caller)context.Items[CallerKey]!;

    public static IApplicationBuilder UseApiPipeline(this IApplicationBuilder app) =>
        app.UseWhen(context => IsApiPath(context.Request.Path), api => api.Use(async (context, next) =>
        {
            var services = context.RequestServices;
            try
            {
                await Handle(context, next, services);
            }
            finally
            {
                services.GetRequiredService<RequestLog>().Add(new LoggedRequest(
                    services.GetRequiredService<TimeProvider>().GetUtcNow(), context.Request.Method, context.Request.Path + context.Request.QueryString,
                    context.Response.StatusCode, CorrelationMiddleware.Of(context), context.Items.TryGetValue(CallerKey, out var caller) ? ((Caller)caller!).TenantId : null));
            }
        }));

    private static async Task Handle(HttpContext context, Func<Task> next, IServiceProvider services)
    {
        var settings = services.GetRequiredService<ServiceSettings>();
        var fault = services.GetRequiredService<FaultInjector>().Take(context.Request.Method, context.Request.Path);
        var latency = settings.Latency + TimeSpan.FromMilliseconds(fault?.LatencyMs ?? 0);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        if (fault is { DropConnection: true })
        {
            context.Abort();
            return;
        }

        if (fault is { Status: >= 400 })
        {
            if (fault.RetryAfterSeconds is int seconds)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfterAsDate
                    ? services.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(seconds).ToString("R")
                    : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await ServiceErrors.Error(fault.Status, fault.Status == 429 ? "TooManyRequests" : "ServiceUnavailable", "Injected fault.").ExecuteAsync(context);
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= "Bearer ".Length)
        {
            await Challenge(context, "A bearer token is required.");
            return;
        }

        var audience = context.Request.Path.StartsWithSegments("/v1.0/directory", StringComparison.OrdinalIgnoreCase) ? DirectoryRoles.GraphAudience : DirectoryRoles.LicenseManagerAppId;
        var check = services.GetRequiredService<TokenValidator>().Check(authorization["Bearer ".Length..].Trim(), audience);
        if (check.Caller is null)
        {
            await Challenge(context, check.Failure!);
            return;
        }

        context.Items[CallerKey] = check.Caller;
        if (services.GetRequiredService<TenantRateLimiter>().TryAcquire(check.Caller.TenantId) is int retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ServiceErrors.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", $"The tenant's rate limit of {services.GetRequiredService<ServiceSettings>().RateLimitPerSecond} requests per second is exceeded. Retry after {retryAfter} seconds.").ExecuteAsync(context);
            return;
        }

        await next();
    }

    /// <summary>401 with the challenge Azure Resource Manager sends: where to sign in, invalid_token, and why.</summary>
    private static Task Challenge(HttpContext context, string reason)
    {
        var authority = context.RequestServices.GetRequiredService<IssuerNames>().BaseAddress;
        context.Response.Headers.WWWAuthenticate = $"Bearer authorization_uri=\"{authority}\", error=\"invalid_token\", error_description=\"{TokenText.ForHeader(reason)}\"";
        return ServiceErrors.Unauthorized(reason).ExecuteAsync(context);
    }
}
