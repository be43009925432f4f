namespace MSCommerce.Stub.Domain;

/// <summary>Who a valid token says is calling: a user (with directory roles) or an application (with app roles).</summary>
public sealed record Caller(string TenantId, string ObjectId, string? UserPrincipalName, string? ClientId, IReadOnlyList<string> DirectoryRoles, IReadOnlyList<string> AppRoles, string Audience)
{
    public bool IsApplication => UserPrincipalName is null;

    public string Name => UserPrincipalName ?? $"app:{ClientId}";
}
