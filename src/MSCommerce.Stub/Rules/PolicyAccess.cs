using MSCommerce.Stub.Domain;

namespace MSCommerce.Stub.Rules;

public sealed record AccessDecision(bool Allowed, string? Reason)
{
    public static AccessDecision Allow { get; } = new(true, null);
}

/// <summary>
/// Who may read and change the self-service purchase policy (reference: licensing service roles).
/// Read: Global Reader, Billing Administrator, Global Administrator, or the app role Policy.Read/ReadWrite.
/// Change: Billing Administrator, Global Administrator, or the app role Policy.ReadWrite.
/// </summary>
public static class PolicyAccess
{
    public const string ReadRolesText = "Global Reader, Billing Administrator or Global Administrator (applications: Policy.Read.AllowSelfServicePurchase)";
    public const string ChangeRolesText = "Billing Administrator or Global Administrator (applications: Policy.ReadWrite.AllowSelfServicePurchase)";

    public static AccessDecision CanRead(Caller caller) =>
        caller.IsApplication
            ? Decide(caller.AppRoles.Contains(DirectoryRoles.PolicyRead) || caller.AppRoles.Contains(DirectoryRoles.PolicyReadWrite), "read", ReadRolesText)
            : Decide(caller.DirectoryRoles.Any(role => role is DirectoryRoles.GlobalReader or DirectoryRoles.BillingAdministrator or DirectoryRoles.GlobalAdministrator), "read", ReadRolesText);

    public static AccessDecision CanChange(Caller caller) =>
        caller.IsApplication
            ? Decide(caller.AppRoles.Contains(DirectoryRoles.PolicyReadWrite), "change", ChangeRolesText)
            : Decide(caller.DirectoryRoles.Any(role => role is DirectoryRoles.BillingAdministrator or DirectoryRoles.GlobalAdministrator), "change", ChangeRolesText);

    private static AccessDecision Decide(bool allowed, string action, string roles) =>
        allowed ? AccessDecision.Allow : new AccessDecision(false, $"The caller may not {action} the self-service purchase policy. It needs one of these roles: {roles}.");
}
