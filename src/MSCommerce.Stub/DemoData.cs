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

    /// <summary>Dana left Contoso: her account is deleted, and the purchase she made stays Active.</summary>
    public const string DanaUpn = "dana@contoso.onmicrosoft.com";

    public const string AdminObjectId = "a0000000-0000-0000-0000-000000000001";
    public const string BillingAdminObjectId = "a0000000-0000-0000-0000-000000000002";
    public const string GlobalReaderObjectId = "a0000000-0000-0000-0000-000000000003";
    public const string AliceObjectId = "a0000000-0000-0000-0000-000000000004";
    public const string BobObjectId = "a0000000-0000-0000-0000-000000000005";
    public const string GuestObjectId = "a0000000-0000-0000-0000-000000000006";
    public const string PartnerObjectId = "b0000000-0000-0000-0000-000000000001";
    public const string DanaObjectId = "a0000000-0000-0000-0000-000000000007";

    /// <summary>The password of every person in the local service, for its sign-in pages: it is a stand-in, not a vault.</summary>
    public const string DemoUserPassword = "contoso-demo-password";

    public const string AutomationClientId = "22222222-2222-2222-2222-222222222222";
    public const string AutomationClientSecret = "contoso-demo-secret";
    public const string ReportingClientId = "33333333-3333-3333-3333-333333333333";
    public const string ReportingClientSecret = "contoso-reporting-secret";

    /// <summary>"Contoso certificate automation" (Policy.ReadWrite): signs in with the certificate the demo seed writes beside the database (.demo-app.pfx).</summary>
    public const string CertificateClientId = "55555555-5555-5555-5555-555555555555";

    /// <summary>"Contoso policy pipeline" (Policy.ReadWrite): no secret; it trusts the service's CI issuer for the main branch and the Azure DevOps service connection.</summary>
    public const string PipelineClientId = "66666666-6666-6666-6666-666666666666";

    /// <summary>"Contoso policy check" (Policy.Read): no secret; it trusts the service's CI issuer for pull requests.</summary>
    public const string PullRequestClientId = "77777777-7777-7777-7777-777777777777";

    /// <summary>The system-assigned managed identity of the emulated App Service (Policy.ReadWrite): its service principal's client id.</summary>
    public const string SystemAssignedIdentityClientId = "88888888-8888-8888-8888-888888888888";

    /// <summary>A user-assigned managed identity of the emulated App Service (Policy.Read), named by this client id.</summary>
    public const string UserAssignedIdentityClientId = "99999999-9999-9999-9999-999999999999";

    /// <summary>The GitHub Actions subject of a job on the main branch of contoso/tenant-policy.</summary>
    public const string PipelineMainSubject = "repo:contoso/tenant-policy:ref:refs/heads/main";

    /// <summary>The GitHub Actions subject of a pull-request job of contoso/tenant-policy.</summary>
    public const string PipelinePullRequestSubject = "repo:contoso/tenant-policy:pull_request";

    /// <summary>The Azure DevOps subject of the service connection contoso-commerce in the project tenant-policy of the organisation contoso.</summary>
    public const string PipelineServiceConnectionSubject = "sc://contoso/tenant-policy/contoso-commerce";
    /// <summary>Fabrikam's multi-tenant app (client secret, Policy.ReadWrite at home), consented with Policy.ReadWrite in every seeded customer: the partner's automation.</summary>
    public const string PartnerAppClientId = "f0000000-0000-0000-0000-0000000000aa";
    public const string PartnerAppClientSecret = "fabrikam-partner-secret";

    /// <summary>Every demo purchase date and expiration date is a whole number of days from this.</summary>
    public static readonly DateTime PurchaseBase = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    // Contoso's self-service purchases and trials, numbered in list order (purchase date ascending).
    // Purchases: Active 2 (Alice) and 4 (Dana, deleted), Expired 1, Disabled 5, Cancelled 3.
    // Trials: Active 9, Expired 6, Cancelled 7, Disabled 8.

    /// <summary>Alice, Clipchamp Premium, 1 licence, base-500d to base-135d: Expired.</summary>
    public const string AliceClipchampId = "c0000000-0000-0000-0000-000000000001";

    /// <summary>Alice, Power BI Pro, 5 then 8 licences (alice and bob assigned), renewed at base-35d, expires base+330d: Active.</summary>
    public const string AlicePowerBiProId = "c0000000-0000-0000-0000-000000000002";

    /// <summary>Bob, Power Apps per user, 2 licences, bought base-200d, cancelled base-20d: Cancelled.</summary>
    public const string BobPowerAppsId = "c0000000-0000-0000-0000-000000000003";

    /// <summary>Dana (deleted since), Power Automate per user, 3 licences billed annually (bob assigned), base-150d to base+215d: Active.</summary>
    public const string DanaPowerAutomateId = "c0000000-0000-0000-0000-000000000004";

    /// <summary>Alice, Power BI Premium (standalone), 1 licence (alice assigned), bought base-120d, payment declined: Disabled.</summary>
    public const string AlicePowerBiPremiumId = "c0000000-0000-0000-0000-000000000005";

    /// <summary>Bob, trial of Project Plan 3, 25 licences (bob assigned), base-90d to base-60d: Expired.</summary>
    public const string BobProjectTrialId = "c0000000-0000-0000-0000-000000000006";

    /// <summary>Bob, trial of Teams Exploratory, 10 licences, started base-45d, cancelled base-30d: Cancelled.</summary>
    public const string BobTeamsTrialId = "c0000000-0000-0000-0000-000000000007";

    /// <summary>Dana, trial of Planner Plan 1, 25 licences, base-40d to base-10d: Disabled.</summary>
    public const string DanaPlannerTrialId = "c0000000-0000-0000-0000-000000000008";

    /// <summary>Alice, trial of Visio Plan 1, 25 licences (alice assigned), base-10d to base+20d: Active.</summary>
    public const string AliceVisioTrialId = "c0000000-0000-0000-0000-000000000009";

    public const int ContosoSelfServicePurchases = 9;

    // Contoso's central subscriptions (ownerType Organization): seen through Graph and /v1.0/organizationSubscriptions.

    /// <summary>Microsoft 365 F3, 50 licences, annual, base-300d to base+65d.</summary>
    public const string ContosoF3Id = "d0000000-0000-0000-0000-000000000001";

    /// <summary>Power BI Pro, 100 licences, monthly, base-250d to base+115d.</summary>
    public const string ContosoPowerBiProId = "d0000000-0000-0000-0000-000000000002";

    /// <summary>Microsoft 365 Copilot, 20 licences, annual, base-60d to base+305d.</summary>
    public const string ContosoCopilotId = "d0000000-0000-0000-0000-000000000003";

    /// <summary>Power Automate per user, 10 licences, none assigned, monthly, base-140d to base+225d: where Dana's purchase can be taken over.</summary>
    public const string ContosoPowerAutomateId = "d0000000-0000-0000-0000-000000000004";

    public const int ContosoOrganizationSubscriptions = 4;

    /// <summary>Fabrikam's one self-service purchase: the partner's Power BI Pro, 2 licences, base-30d to base+335d: Active.</summary>
    public const string PartnerPowerBiProId = "e0000000-0000-0000-0000-000000000001";
}
