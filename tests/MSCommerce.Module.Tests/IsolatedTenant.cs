using MSCommerce.Stub;

namespace MSCommerce.Module.Tests;

/// <summary>A fresh tenant of the shared local service with its own Global Administrator, so a test that changes policies changes only its own.</summary>
public sealed class IsolatedTenant : IDisposable
{
    private readonly LocalServiceFixture _service;
    private readonly List<ModuleRunspace> _shells = [];

    public IsolatedTenant(LocalServiceFixture service)
    {
        _service = service;
        Domain = $"t{Guid.NewGuid():N}.onmicrosoft.com";
        TenantId = service.Post("_admin/tenants", new { domain = Domain, country = "US", tenantType = "Commercial" }).GetProperty("tenantId").GetString()!;
        AdminUpn = "admin@" + Domain;
        service.Post($"_admin/tenants/{Domain}/users", new { userPrincipalName = AdminUpn, roles = new[] { "GlobalAdministrator" } });
    }

    public string Domain { get; }
    public string TenantId { get; }
    public string AdminUpn { get; }

    public ModuleRunspace ConnectedShell()
    {
        var shell = new ModuleRunspace();
        shell.ConnectWithToken(_service, _service.TokenFor(AdminUpn, Domain));
        _shells.Add(shell);
        return shell;
    }

    public string AddUser(string name, params string[] roles)
    {
        var upn = $"{name}@{Domain}";
        _service.Post($"_admin/tenants/{Domain}/users", new { userPrincipalName = upn, roles });
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
