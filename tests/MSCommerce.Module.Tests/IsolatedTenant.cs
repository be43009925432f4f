using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>A fresh tenant of the shared local service with its own Global Administrator, so a test that changes policies changes only its own.</summary>
public sealed class IsolatedTenant : IDisposable
{
    private readonly LocalService _service;
    private readonly List<ModuleRunspace> _shells = [];

    public IsolatedTenant(LocalService service)
    {
        _service = service;
        Domain = $"t{Guid.NewGuid():N}.onmicrosoft.com";
        TenantId = service.Admin.Post("_admin/tenants", new { domain = Domain, country = "US", tenantType = "Commercial" }).GetProperty("tenantId").GetString()!;
        AdminUpn = "admin@" + Domain;
        service.Admin.Post($"_admin/tenants/{Domain}/users", new { userPrincipalName = AdminUpn, roles = new[] { "GlobalAdministrator" } });
    }

    public string Domain { get; }
    public string TenantId { get; }
    public string AdminUpn { get; }

    public ModuleRunspace ConnectedShell()
    {
        var shell = new ModuleRunspace();
        shell.ConnectWithToken(_service, _service.Admin.Token(AdminUpn, Domain));
        _shells.Add(shell);
        return shell;
    }

    public string AddUser(string name, params string[] roles)
    {
        var upn = $"{name}@{Domain}";
        _service.Admin.Post($"_admin/tenants/{Domain}/users", new { userPrincipalName = upn, roles });
        return upn;
    }

    public void Dispose()
    {
        foreach (var shell in _shells)
        {
            shell.Dispose();
        }
    }
}
