using MSCommerce.Stub.Data;
using MSCommerce.Stub.Domain;

namespace MSCommerce.Stub.Testing;

/// <summary>
/// /_admin for partners: list the tenants, replace a partner user's delegated roles in a customer, end a
/// partner's relationship with a customer, and consent a multi-tenant app in a tenant. Mapped only when test controls are enabled.
/// </summary>
public static class PartnerAdminEndpoints
{
    public sealed record DelegatedRolesRequest(string? UserPrincipalName, string[]? Roles);
    public sealed record ConsentRequest(string[]? Roles);

    public static void MapPartnerAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/_admin");
        admin.MapGet("/tenants", (DirectoryStore directory) => Results.Ok(directory.Tenants()));
        admin.MapPut("/tenants/{customer}/delegations/{partnerTenant}", (string customer, string partnerTenant, DelegatedRolesRequest request, DirectoryStore directory, PartnerRelationships relationships, TimeProvider clock) =>
        {
            var (customerTenant, partner) = (directory.FindTenant(customer), directory.FindTenant(partnerTenant));
            if (customerTenant is null || partner is null) return NoTenant(customerTenant is null ? customer : partnerTenant);
            if (customerTenant.TenantId == partner.TenantId) return BadRequest("A tenant is not its own partner: name the customer first, then the partner tenant.");
            if (string.IsNullOrEmpty(request.UserPrincipalName) || request.Roles is null) return BadRequest("Give userPrincipalName (a user of the partner tenant) and roles (an empty list removes them).");
            var roles = request.Roles.Select(role => DirectoryRoles.TemplateId(role ?? "")).ToList();
            if (roles.IndexOf(null) is var unknown and >= 0)
            {
                return BadRequest($"Unknown role '{request.Roles[unknown]}'; use GlobalAdministrator, BillingAdministrator or GlobalReader (or their template ids).");
            }

            var user = directory.FindUser(partner.TenantId, request.UserPrincipalName);
            if (user is null || user.Deleted) return Results.NotFound(new { errorCode = "NotFound", reason = $"User {request.UserPrincipalName} is not in {partner.Domain}." });
            var granted = roles.Select(role => role!).Distinct().ToList();
            directory.AddDelegation(customerTenant.TenantId, user.ObjectId, granted);
            var relationship = relationships.Ensure(customerTenant.TenantId, partner.TenantId, clock.GetUtcNow().UtcDateTime);
            return Results.Ok(new { customerTenantId = customerTenant.TenantId, partnerTenantId = partner.TenantId, user.UserPrincipalName, roles = granted, relationship.RelationshipId, relationship.EndsAt });
        });
        admin.MapDelete("/tenants/{customer}/delegations/{partnerTenant}", (string customer, string partnerTenant, DirectoryStore directory, PartnerRelationships relationships, TimeProvider clock) =>
        {
            var (customerTenant, partner) = (directory.FindTenant(customer), directory.FindTenant(partnerTenant));
            if (customerTenant is null || partner is null) return NoTenant(customerTenant is null ? customer : partnerTenant);
            return relationships.End(customerTenant.TenantId, partner.TenantId, clock.GetUtcNow().UtcDateTime)
                ? Results.NoContent()
                : Results.NotFound(new { errorCode = "NotFound", reason = $"{partner.Domain} has no relationship with {customerTenant.Domain}." });
        });
        admin.MapPut("/tenants/{tenant}/consents/{clientId}", (string tenant, string clientId, ConsentRequest request, DirectoryStore directory, AppConsents consents) =>
        {
            var owner = directory.FindTenant(tenant);
            if (owner is null) return NoTenant(tenant);
            var application = directory.FindApplication(clientId);
            if (application is null) return Results.NotFound(new { errorCode = "NotFound", reason = $"No app has the client id {clientId}." });
            if (application.TenantId == owner.TenantId) return BadRequest("An app needs no consent in its home tenant.");
            var roles = request.Roles ?? [];
            if (roles.FirstOrDefault(role => !DirectoryRoles.AppRoles.Contains(role)) is { } unknownRole) return BadRequest($"Unknown app role '{unknownRole}'.");
            consents.Grant(owner.TenantId, application.ClientId, roles);
            return Results.NoContent();
        });
        admin.MapDelete("/tenants/{tenant}/consents/{clientId}", (string tenant, string clientId, DirectoryStore directory, AppConsents consents) =>
            directory.FindTenant(tenant) is { } owner && consents.Revoke(owner.TenantId, clientId) ? Results.NoContent() : Results.NotFound());
    }

    private static IResult NoTenant(string tenant) => Results.NotFound(new { errorCode = "NotFound", reason = $"Tenant {tenant} does not exist." });

    private static IResult BadRequest(string reason) => Results.BadRequest(new { errorCode = "BadRequest", reason });
}
