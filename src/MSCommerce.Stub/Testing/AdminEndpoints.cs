using MSCommerce.Stub.Api;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Domain;
using MSCommerce.Stub.Hosting;
using MSCommerce.Stub.Identity;
using MSCommerce.Stub.Identity.SignIn;

namespace MSCommerce.Stub.Testing;

/// <summary>
/// /_admin: what tests and demos arrange through the service's own API (tenants, users, apps, tokens,
/// device-code approval, products, faults, settings, the clock, request and audit logs). Mapped only when
/// test controls are enabled.
/// </summary>
public static class AdminEndpoints
{
    public sealed record TenantRequest(string? Id, string Domain, string? DisplayName, string? Country, string? TenantType);
    public sealed record UserRequest(string UserPrincipalName, string? DisplayName, string[]? Roles, bool? IsGuest, bool? AccountEnabled, string? ObjectId);
    public sealed record ApplicationRequest(string DisplayName, string? ClientId, string? ClientSecret, string? Certificate, string[]? Roles);
    public sealed record DelegationRequest(string PartnerTenant, string UserPrincipalName, string[] Roles);
    public sealed record TokenRequest(string Tenant, string? UserPrincipalName, string? ClientId, string? Resource, int? LifetimeSeconds);
    public sealed record ApproveRequest(string UserPrincipalName);
    public sealed record ProductRequest(string ProductId, string ProductName, bool OffersTrialWithoutPaymentMethod);
    public sealed record FaultRequest(string? Method, string? Path, int Status, int? Count, int? RetryAfterSeconds, bool? RetryAfterDate, int? LatencyMs, bool? DropConnection, double? Rate, bool? AfterProcessing, string? Tenant);
    public sealed record SettingsRequest(int? LatencyMs, int? RateLimitPerSecond, int? TokenLifetimeSeconds, int? LockoutThreshold, int? LockoutSeconds, int? AuthorizationCodeLifetimeSeconds = null);
    public sealed record ClockRequest(double AdvanceSeconds);

    public static void MapAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/_admin");
        admin.MapPost("/tenants", (TenantRequest request, DirectoryStore directory) =>
        {
            var tenant = new Tenant(request.Id ?? Guid.NewGuid().ToString(), request.Domain, request.DisplayName ?? request.Domain, request.Country ?? "US", request.TenantType ?? "Commercial");
            return directory.FindTenant(tenant.TenantId) is not null || directory.FindTenant(tenant.Domain) is not null
                ? Conflict($"Tenant {tenant.Domain} already exists.")
                : Results.Ok(directory.AddTenant(tenant));
        });
        admin.MapPost("/tenants/{tenant}/users", (string tenant, UserRequest request, DirectoryStore directory) =>
        {
            var owner = directory.FindTenant(tenant);
            if (owner is null) return NoTenant(tenant);
            var roles = new List<string>();
            foreach (var role in request.Roles ?? [])
            {
                roles.Add(DirectoryRoles.TemplateId(role) ?? $"unknown role '{role}'");
            }

            if (roles.FirstOrDefault(role => role.StartsWith("unknown", StringComparison.Ordinal)) is { } unknown)
            {
                return Results.BadRequest(new { errorCode = "BadRequest", reason = $"{unknown}; use GlobalAdministrator, BillingAdministrator or GlobalReader." });
            }

            if (directory.FindUser(owner.TenantId, request.UserPrincipalName) is not null)
            {
                return Conflict($"User {request.UserPrincipalName} already exists.");
            }

            return Results.Ok(directory.AddUser(new DirectoryUser(request.ObjectId ?? Guid.NewGuid().ToString(), owner.TenantId, request.UserPrincipalName,
                request.DisplayName ?? request.UserPrincipalName.Split('@')[0], roles, request.IsGuest ?? false, request.AccountEnabled ?? true, false)));
        });
        admin.MapDelete("/tenants/{tenant}/users/{user}", (string tenant, string user, DirectoryStore directory) =>
            directory.FindTenant(tenant) is { } owner && directory.DeleteUser(owner.TenantId, user) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/tenants/{tenant}/applications", (string tenant, ApplicationRequest request, DirectoryStore directory) =>
        {
            var owner = directory.FindTenant(tenant);
            if (owner is null) return NoTenant(tenant);
            var unknownRole = (request.Roles ?? []).FirstOrDefault(role => !DirectoryRoles.AppRoles.Contains(role));
            if (unknownRole is not null)
            {
                return Results.BadRequest(new { errorCode = "BadRequest", reason = $"Unknown app role '{unknownRole}'." });
            }

            var application = directory.AddApplication(new Application(request.ClientId ?? Guid.NewGuid().ToString(), owner.TenantId, request.DisplayName,
                request.ClientSecret is null ? null : DirectoryStore.HashSecret(request.ClientSecret), request.Certificate, request.Roles ?? []));
            return Results.Ok(new { application.ClientId, application.TenantId, application.DisplayName, application.Roles });
        });
        admin.MapPost("/tenants/{tenant}/delegations", (string tenant, DelegationRequest request, DirectoryStore directory, PartnerRelationships relationships, TimeProvider clock) =>
        {
            var customer = directory.FindTenant(tenant);
            var partner = directory.FindTenant(request.PartnerTenant);
            if (customer is null || partner is null) return NoTenant(customer is null ? tenant : request.PartnerTenant);
            var user = directory.FindUser(partner.TenantId, request.UserPrincipalName);
            if (user is null) return Results.NotFound(new { errorCode = "NotFound", reason = $"User {request.UserPrincipalName} is not in {partner.Domain}." });
            directory.AddDelegation(customer.TenantId, user.ObjectId, request.Roles.Select(role => DirectoryRoles.TemplateId(role) ?? role).ToList());
            relationships.Ensure(customer.TenantId, partner.TenantId, clock.GetUtcNow().UtcDateTime);
            return Results.NoContent();
        });
        admin.MapPost("/tokens", (TokenRequest request, DirectoryStore directory, PartnerDelegation delegation, TokenIssuer issuer) =>
        {
            var tenant = directory.FindTenant(request.Tenant);
            if (tenant is null) return NoTenant(request.Tenant);
            var audience = request.Resource ?? DirectoryRoles.LicenseManagerAppId;
            var lifetime = request.LifetimeSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            if (request.ClientId is not null)
            {
                var application = directory.FindApplication(request.ClientId);
                return application is null ? Results.NotFound() : Results.Ok(issuer.ForApplication(application, audience, lifetime));
            }

            var user = directory.FindUserAnywhere(request.UserPrincipalName ?? "");
            if (user is null) return Results.NotFound(new { errorCode = "NotFound", reason = $"User {request.UserPrincipalName} does not exist." });
            var roles = delegation.RolesIn(tenant, user) ?? [];
            return Results.Ok(issuer.ForUser(tenant.TenantId, user, roles, audience, "04b07795-8ddb-461a-bbee-02f9e1bf7b46", lifetime));
        });
        admin.MapPost("/device-codes/{userCode}/approve", (string userCode, ApproveRequest request, DeviceCodes codes) => Decide(codes, userCode, DeviceCodeState.Approved, request.UserPrincipalName));
        admin.MapPost("/tenants/{tenant}/device-codes/approve", (string tenant, ApproveRequest request, DeviceCodes codes) =>
        {
            // Every sign-in waiting in the tenant: for a host that starts a sign-in whose code it does not see (a child pwsh).
            var pending = codes.Pending(tenant);
            foreach (var grant in pending)
            {
                grant.UserPrincipalName = request.UserPrincipalName;
                grant.State = DeviceCodeState.Approved;
            }

            return Results.Ok(new { approved = pending.Count });
        });
        admin.MapPost("/device-codes/{userCode}/deny", (string userCode, DeviceCodes codes) => Decide(codes, userCode, DeviceCodeState.Denied, null));
        admin.MapGet("/device-codes", (DeviceCodes codes) => Results.Ok(new { stored = codes.Count }));
        admin.MapGet("/clock", (ServiceClock clock) => Results.Ok(new { now = clock.GetUtcNow(), advancedSeconds = clock.Offset.TotalSeconds }));
        admin.MapPost("/clock", (ClockRequest request, ServiceClock clock) =>
        {
            if (request.AdvanceSeconds is < 0 or > 100 * 365 * 86400.0) return Results.BadRequest(new { errorCode = "BadRequest", reason = "advanceSeconds moves the clock forward: 0 or more, up to a hundred years." });
            clock.Advance(TimeSpan.FromSeconds(request.AdvanceSeconds));
            return Results.Ok(new { now = clock.GetUtcNow(), advancedSeconds = clock.Offset.TotalSeconds });
        });
        admin.MapPost("/products", (ProductRequest[] products, ProductPolicyStore store) =>
        {
            store.AddProducts(products.Select(product => new CatalogProduct(product.ProductId, product.ProductName, product.OffersTrialWithoutPaymentMethod)));
            return Results.NoContent();
        });
        admin.MapGet("/catalog", () => Results.Ok(Catalog.Products.Select(product => new { product.ProductId, product.ProductName })));
        admin.MapPost("/faults", (FaultRequest request, FaultInjector faults, DirectoryStore directory) =>
        {
            if (request.Rate is < 0 or > 1) return Results.BadRequest(new { errorCode = "BadRequest", reason = "rate is a share of calls, from 0 to 1." });
            var tenant = request.Tenant is null ? null : directory.FindTenant(request.Tenant);
            if (request.Tenant is not null && tenant is null) return NoTenant(request.Tenant);
            // With a rate and no count, the fault stays until it is cleared.
            var count = request.Count ?? (request.Rate is null ? 1 : int.MaxValue);
            faults.Add(new FaultRule(request.Method, request.Path, request.Status, count, request.RetryAfterSeconds, request.RetryAfterDate ?? false, request.LatencyMs ?? 0, request.DropConnection ?? false, request.Rate ?? 1.0, request.AfterProcessing ?? false, tenant?.TenantId));
            return Results.NoContent();
        });
        admin.MapDelete("/faults", (FaultInjector faults) => { faults.Clear(); return Results.NoContent(); });
        admin.MapPut("/settings", (SettingsRequest request, ServiceSettings settings) =>
        {
            if (request.LatencyMs is int latency) settings.Latency = TimeSpan.FromMilliseconds(latency);
            if (request.RateLimitPerSecond is int rate) settings.RateLimitPerSecond = rate;
            if (request.TokenLifetimeSeconds is int lifetime) settings.TokenLifetime = TimeSpan.FromSeconds(lifetime);
            if (request.AuthorizationCodeLifetimeSeconds is int codeLifetime) settings.AuthorizationCodeLifetime = TimeSpan.FromSeconds(codeLifetime);
            if (request.LockoutThreshold is >= 0 and int threshold) settings.LockoutThreshold = threshold;
            if (request.LockoutSeconds is > 0 and int lockout) settings.LockoutDuration = TimeSpan.FromSeconds(lockout);
            return Results.Ok(new
            {
                latencyMs = settings.Latency.TotalMilliseconds, settings.RateLimitPerSecond, tokenLifetimeSeconds = settings.TokenLifetime.TotalSeconds,
                settings.LockoutThreshold, lockoutSeconds = settings.LockoutDuration.TotalSeconds,
            });
        });
        admin.MapGet("/requests", (string? method, string? path, RequestLog log) => Results.Ok(log.Snapshot()
            .Where(request => method is null || request.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
            .Where(request => path is null || request.Path.StartsWith(path, StringComparison.OrdinalIgnoreCase))));
        admin.MapDelete("/requests", (RequestLog log) => { log.Clear(); return Results.NoContent(); });
        admin.MapGet("/tenants/{tenant}/audit", (string tenant, DirectoryStore directory, ProductPolicyStore store) =>
            directory.FindTenant(tenant) is { } owner ? Results.Ok(store.Audit(owner.TenantId)) : NoTenant(tenant));
    }

    private static IResult Decide(DeviceCodes codes, string userCode, DeviceCodeState state, string? userPrincipalName)
    {
        var grant = codes.ByUserCode(userCode);
        if (grant is null) return Results.NotFound(new { errorCode = "NotFound", reason = $"No pending sign-in has the code {userCode}." });
        grant.UserPrincipalName = userPrincipalName;
        grant.State = state;
        return Results.NoContent();
    }

    private static IResult NoTenant(string tenant) => Results.NotFound(new { errorCode = "NotFound", reason = $"Tenant {tenant} does not exist." });

    private static IResult Conflict(string reason) => Results.Conflict(new { errorCode = "Conflict", reason });
}
