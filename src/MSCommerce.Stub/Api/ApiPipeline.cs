using MSCommerce.Stub.Domain;
using MSCommerce.Stub.Hosting;
using MSCommerce.Stub.Identity;

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
                // Registered only with the test controls on.
                services.GetService<RequestLog>()?.Add(new LoggedRequest(
                    services.GetRequiredService<TimeProvider>().GetUtcNow(), RequestLog.MethodText(context.Request.Method),
                    RequestLog.PathText(context.Request.Path.ToString(), context.Request.QueryString.ToString()),
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

        if (fault is { AfterProcessing: false } && await Fail(context, fault, services))
        {
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= "Bearer ".Length)
        {
            await Challenge(context, "A bearer token is required.");
            return;
        }

        var audience = context.Request.Path.StartsWithSegments("/v1.0/directory", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(DelegatedAdminEndpoints.Prefix, StringComparison.OrdinalIgnoreCase)
                ? DirectoryRoles.GraphAudience
                : DirectoryRoles.LicenseManagerAppId;
        var check = services.GetRequiredService<TokenValidator>().Check(authorization["Bearer ".Length..].Trim(), audience);
        if (check.Caller is null)
        {
            await Challenge(context, check.Failure!);
            return;
        }

        context.Items[CallerKey] = check.Caller;
        if (fault is null && services.GetRequiredService<FaultInjector>().TakeForTenant(context.Request.Method, context.Request.Path, check.Caller.TenantId) is { } tenantFault)
        {
            fault = tenantFault;
            if (fault.LatencyMs > 0)
            {
                await Task.Delay(fault.LatencyMs, context.RequestAborted);
            }

            if (fault is { AfterProcessing: false } && await Fail(context, fault, services))
            {
                return;
            }
        }

        if (services.GetRequiredService<TenantRateLimiter>().TryAcquire(check.Caller.TenantId) is int retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ServiceErrors.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", $"The tenant's rate limit of {services.GetRequiredService<ServiceSettings>().RateLimitPerSecond} requests per second is exceeded. Retry after {retryAfter} seconds.").ExecuteAsync(context);
            return;
        }

        if (fault is { AfterProcessing: true })
        {
            await ProcessThenFail(context, next, fault, services);
            return;
        }

        await next();
    }

    /// <summary>Answers the call with the fault instead of carrying it out; false when the fault only adds latency.</summary>
    private static async Task<bool> Fail(HttpContext context, FaultRule fault, IServiceProvider services)
    {
        if (fault.DropConnection)
        {
            context.Abort();
            return true;
        }

        if (fault.Status < 400)
        {
            return false;
        }

        if (fault.RetryAfterSeconds is int seconds)
        {
            context.Response.Headers.RetryAfter = fault.RetryAfterAsDate
                ? services.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(seconds).ToString("R")
                : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await ServiceErrors.Error(fault.Status, fault.Status == 429 ? "TooManyRequests" : "ServiceUnavailable", "Injected fault.").ExecuteAsync(context);
        return true;
    }

    /// <summary>Carries the call out with its answer held back, then sends the fault in its place: the change is made, its answer lost.</summary>
    private static async Task ProcessThenFail(HttpContext context, Func<Task> next, FaultRule fault, IServiceProvider services)
    {
        var body = context.Response.Body;
        using var heldBack = new MemoryStream();
        context.Response.Body = heldBack;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = body;
        }

        if (!fault.DropConnection && fault.Status < 400)
        {
            heldBack.Position = 0;
            await heldBack.CopyToAsync(body, context.RequestAborted);
            return;
        }

        context.Response.Clear();
        context.Response.Headers[CorrelationMiddleware.Header] = CorrelationMiddleware.Of(context);
        await Fail(context, fault, services);
    }

    /// <summary>401 with the challenge Azure Resource Manager sends: where to sign in, invalid_token, and why.</summary>
    private static Task Challenge(HttpContext context, string reason)
    {
        var authority = context.RequestServices.GetRequiredService<IssuerNames>().BaseAddress;
        context.Response.Headers.WWWAuthenticate = $"Bearer authorization_uri=\"{authority}\", error=\"invalid_token\", error_description=\"{TokenText.ForHeader(reason)}\"";
        return ServiceErrors.Unauthorized(reason).ExecuteAsync(context);
    }
}
