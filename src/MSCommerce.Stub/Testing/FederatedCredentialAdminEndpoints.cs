using MSCommerce.Stub.Api;
using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Testing;

/// <summary>
/// POST and GET /_admin/tenants/{tenant}/applications/{clientId}/federatedCredentials: an app's federated
/// identity credentials, with Entra's rules (a name, an https issuer, a subject, exactly one audience, at most 20 per app).
/// </summary>
public static class FederatedCredentialAdminEndpoints
{
    public sealed record CredentialRequest(string? Name, string? Issuer, string? Subject, string[]? Audiences);

    public static void MapFederatedCredentialAdmin(this IEndpointRouteBuilder routes)
    {
        const string path = "/_admin/tenants/{tenant}/applications/{clientId}/federatedCredentials";
        routes.MapPost(path, (string tenant, string clientId, CredentialRequest request, DirectoryStore directory, FederatedCredentialStore credentials) =>
        {
            if (Application(tenant, clientId, directory) is not { } application)
            {
                return ServiceErrors.NotFound($"Application {clientId} is not registered in {tenant}.");
            }

            var audiences = request.Audiences ?? [CiIssuerEndpoints.DefaultAudience];
            if (Invalid(request, audiences) is { } reason)
            {
                return ServiceErrors.BadRequest(reason);
            }

            var existing = credentials.ForApplication(application.ClientId);
            if (existing.Count >= FederatedCredentialStore.MaxPerApplication && existing.All(credential => credential.Name != request.Name))
            {
                return ServiceErrors.Error(StatusCodes.Status409Conflict, "Conflict", $"An application has at most {FederatedCredentialStore.MaxPerApplication} federated identity credentials.");
            }

            var credential = new FederatedCredential(application.ClientId, request.Name!, request.Issuer!, request.Subject!, audiences);
            credentials.Put(credential);
            return Results.Ok(Json(credential));
        });
        routes.MapGet(path, (string tenant, string clientId, DirectoryStore directory, FederatedCredentialStore credentials) =>
            Application(tenant, clientId, directory) is { } application
                ? Results.Ok(credentials.ForApplication(application.ClientId).Select(Json))
                : ServiceErrors.NotFound($"Application {clientId} is not registered in {tenant}."));
    }

    private static Application? Application(string tenant, string clientId, DirectoryStore directory) =>
        directory.FindTenant(tenant) is { } owner && directory.FindApplication(clientId) is { } application && application.TenantId == owner.TenantId ? application : null;

    private static string? Invalid(CredentialRequest request, string[] audiences)
    {
        if (request.Name is not { Length: >= 3 and <= 120 } name || !name.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'))
        {
            return "name takes 3 to 120 letters, digits, '-' and '_'.";
        }

        if (request.Issuer is not { Length: <= 600 } issuer || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return "issuer must be the https URL of the issuer, as its tokens' iss claim names it.";
        }

        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 600)
        {
            return "subject is required (the sub claim of the tokens to trust), at most 600 characters.";
        }

        return audiences.Length == 1 && !string.IsNullOrWhiteSpace(audiences[0]) && audiences[0].Length <= 600 && !audiences[0].Contains('\n')
            ? null
            : "audiences takes exactly one audience (default api://AzureADTokenExchange).";
    }

    private static object Json(FederatedCredential credential) =>
        new { name = credential.Name, issuer = credential.Issuer, subject = credential.Subject, audiences = credential.Audiences };
}
