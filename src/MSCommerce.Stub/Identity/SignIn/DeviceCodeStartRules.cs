using MSCommerce.Stub.Data;

namespace MSCommerce.Stub.Identity.SignIn;

/// <summary>
/// Who may start a device-code sign-in, checked before anything is kept, as Entra refuses it: the
/// client must be a known public client (Microsoft's first-party ones that sign in to License Manager,
/// or an application registered in the tenant; any tenant's at a multi-tenant alias), and the scope
/// must name a known resource (<see cref="RequestedScope"/>).
/// </summary>
public sealed class DeviceCodeStartRules(DirectoryStore directory)
{
    /// <summary>The MSCommerce module's own client id (Microsoft's module and this one), Azure CLI, Azure PowerShell, Microsoft Graph PowerShell.</summary>
    public static readonly IReadOnlySet<string> FirstPartyClients = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "3d5cffa9-04da-4657-8cab-c7f074657cad",
        "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        "1950a258-227b-4e31-a9cf-717495945fc2",
        "14d82eec-204b-4c2f-b7e8-296a70dab67e",
    };

    /// <summary>Null when the sign-in may start; the tenant path is known (or an alias) by now.</summary>
    public OAuthRefusal? Refusal(string tenant, string clientId, string scope)
    {
        if (!IsKnownClient(tenant, clientId))
        {
            return new("unauthorized_client", "AADSTS700016",
                $"Application with identifier '{TokenText.Quote(clientId)}' was not found in the directory '{TokenText.Quote(tenant)}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");
        }

        if (scope.Length == 0)
        {
            return new("invalid_request", "AADSTS900144", "The request body must contain the following parameter: 'scope'.");
        }

        return RequestedScope.Audience(scope) is null
            ? RequestedScope.Invalid(scope)
            : null;
    }

    /// <summary>What a sign-in counts against for the per-tenant cap: the tenant's id whether named by id or domain, or the alias.</summary>
    public string TenantKey(string tenant) => directory.FindTenant(tenant)?.TenantId ?? tenant.ToLowerInvariant();

    private bool IsKnownClient(string tenant, string clientId)
    {
        if (FirstPartyClients.Contains(clientId))
        {
            return true;
        }

        var application = clientId.Length <= 64 ? directory.FindApplication(clientId) : null;
        return application is not null && (TenantAuthority.IsMultiTenant(tenant) || directory.FindTenant(tenant)?.TenantId == application.TenantId);
    }
}
