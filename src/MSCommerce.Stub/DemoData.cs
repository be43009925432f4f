namespace MSCommerce.Stub;

/// <summary>The fixed identities of the demo seed, so that scripts, docs and tests can name them.</summary>
public static class DemoData
{
    public const string ContosoTenantId = "11111111-1111-1111-1111-111111111111";
    public const string ContosoDomain = "contoso.onmicrosoft.com";
    public const string FabrikamTenantId = "44444444-4444-4444-4444-444444444444";
    public const string FabrikamDomain = "fabrikam.onmicrosoft.com";

    public const string AdminUpn = "admin@contoso.onmicrosoft.com";
    public const string BillingAdminUpn = "billing@contoso.onmicrosoft.com";
    public const string GlobalReaderUpn = "reader@contoso.onmicrosoft.com";
    public const string AliceUpn = "alice@contoso.onmicrosoft.com";
    public const string BobUpn = "bob@contoso.onmicrosoft.com";
    public const string GuestUpn = "guest_fabrikam.com#EXT#@contoso.onmicrosoft.com";
    public const string PartnerUpn = "partner@fabrikam.onmicrosoft.com";

    public const string AdminObjectId = "a0000000-0000-0000-0000-000000000001";
    public const string BillingAdminObjectId = "a0000000-0000-0000-0000-000000000002";
    public const string GlobalReaderObjectId = "a0000000-0000-0000-0000-000000000003";
    public const string AliceObjectId = "a0000000-0000-0000-0000-000000000004";
    public const string BobObjectId = "a0000000-0000-0000-0000-000000000005";
    public const string GuestObjectId = "a0000000-0000-0000-0000-000000000006";
    public const string PartnerObjectId = "b0000000-0000-0000-0000-000000000001";

    public const string AutomationClientId = "22222222-2222-2222-2222-222222222222";
    public const string AutomationClientSecret = "contoso-demo-secret";
    public const string ReportingClientId = "33333333-3333-3333-3333-333333333333";
    public const string ReportingClientSecret = "contoso-reporting-secret";
}
