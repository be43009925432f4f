using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Domain;
using MSCommerce.Stub.Hosting;

namespace MSCommerce.Stub.Seeding;

/// <summary>
/// The demo data: Contoso with one user per admin role, plain users and a guest, app registrations
/// (secret and certificate, read and read-write); Fabrikam, a partner with a delegated-admin
/// relationship to Contoso; tenants where self-service purchase is not available; and purchases
/// (<see cref="PurchaseSeeder"/>).
/// </summary>
public sealed class DemoSeeder(DirectoryStore directory, ProductPolicyStore policies, PurchaseSeeder purchases, FederatedCredentialStore federatedCredentials, PartnerRelationships relationships, AppConsents consents, TimeProvider clock)
{
    public const string CertificateClientId = DemoData.CertificateClientId;

    /// <summary>
    /// Seeds the directory on first start only, purchases whenever they are missing; returns the path of
    /// the demo app's certificate (.pfx, no password).
    /// </summary>
    public string Seed(string databasePath, int extraProducts, int generatedPurchasesPerTenant = 0, int customerTenants = 0)
    {
        policies.AddProducts(Catalog.Products);
        if (extraProducts > 0)
        {
            policies.AddProducts(Enumerable.Range(1, extraProducts).Select(i => new CatalogProduct($"DEMO{i:D8}", $"Demo product {i}", i % 3 == 0)));
        }

        var certificatePath = databasePath + ".demo-app.pfx";
        if (directory.FindTenant(DemoData.ContosoTenantId) is null)
        {
            SeedDirectory(certificatePath);
        }

        PrivateFile.Restrict(certificatePath);

        SeedPipelineApps();
        SeedPartnerApp();
        SeedCustomers(customerTenants);
        relationships.EnsureForDelegations(clock.GetUtcNow().UtcDateTime);
        purchases.SeedDemo();
        foreach (var tenant in PurchaseSeeder.GeneratedTenants)
        {
            purchases.SeedGenerated(tenant, generatedPurchasesPerTenant);
        }

        return certificatePath;
    }

    private void SeedDirectory(string certificatePath)
    {
        directory.AddTenant(new Tenant(DemoData.ContosoTenantId, DemoData.ContosoDomain, "Contoso", "US", "Commercial"));
        User(DemoData.AdminObjectId, DemoData.AdminUpn, "Contoso Admin", DirectoryRoles.GlobalAdministrator);
        User(DemoData.BillingAdminObjectId, DemoData.BillingAdminUpn, "Contoso Billing", DirectoryRoles.BillingAdministrator);
        User(DemoData.GlobalReaderObjectId, DemoData.GlobalReaderUpn, "Contoso Reader", DirectoryRoles.GlobalReader);
        User(DemoData.AliceObjectId, DemoData.AliceUpn, "Alice Example");
        User(DemoData.BobObjectId, DemoData.BobUpn, "Bob Example");
        directory.AddUser(new DirectoryUser(DemoData.GuestObjectId, DemoData.ContosoTenantId, DemoData.GuestUpn, "Guest from Fabrikam", [], true, true, false));

        directory.AddApplication(new Application(DemoData.AutomationClientId, DemoData.ContosoTenantId, "Contoso automation", DirectoryStore.HashSecret(DemoData.AutomationClientSecret), null, [DirectoryRoles.PolicyReadWrite]));
        directory.AddApplication(new Application(DemoData.ReportingClientId, DemoData.ContosoTenantId, "Contoso reporting", DirectoryStore.HashSecret(DemoData.ReportingClientSecret), null, [DirectoryRoles.PolicyRead]));
        using (var certificate = CreateAppCertificate())
        {
            PrivateFile.Write(certificatePath, certificate.Export(X509ContentType.Pfx));
            directory.AddApplication(new Application(CertificateClientId, DemoData.ContosoTenantId, "Contoso certificate automation", null, Convert.ToBase64String(certificate.Export(X509ContentType.Cert)), [DirectoryRoles.PolicyReadWrite]));
        }

        directory.AddTenant(new Tenant(DemoData.FabrikamTenantId, DemoData.FabrikamDomain, "Fabrikam (partner)", "US", "Commercial"));
        directory.AddUser(new DirectoryUser(DemoData.PartnerObjectId, DemoData.FabrikamTenantId, DemoData.PartnerUpn, "Fabrikam Partner", [DirectoryRoles.GlobalAdministrator], false, true, false));
        directory.AddDelegation(DemoData.ContosoTenantId, DemoData.PartnerObjectId, [DirectoryRoles.BillingAdministrator]);

        directory.AddTenant(new Tenant("66666666-0000-0000-0000-000000000001", "school.onmicrosoft.com", "Example School", "US", "Education"));
        directory.AddTenant(new Tenant("66666666-0000-0000-0000-000000000002", "agency.onmicrosoft.us", "Example Agency", "US", "Government"));
        directory.AddTenant(new Tenant("66666666-0000-0000-0000-000000000003", "mumbai.onmicrosoft.com", "Example India", "IN", "Commercial"));
        directory.AddTenant(new Tenant("66666666-0000-0000-0000-000000000004", "saopaulo.onmicrosoft.com", "Example Brazil", "BR", "Commercial"));
    }

    /// <summary>
    /// Points the demo pipeline apps' federated credentials at the service's CI issuer where it listens now
    /// (its address changes with the port): main branch and service connection for the read-write app,
    /// pull requests for the read-only one.
    /// </summary>
    public void TrustLocalCiIssuer(string issuer)
    {
        const string audience = "api://AzureADTokenExchange";
        federatedCredentials.Put(new FederatedCredential(DemoData.PipelineClientId, "github-main", issuer, DemoData.PipelineMainSubject, [audience]));
        federatedCredentials.Put(new FederatedCredential(DemoData.PipelineClientId, "azure-pipelines", issuer, DemoData.PipelineServiceConnectionSubject, [audience]));
        federatedCredentials.Put(new FederatedCredential(DemoData.PullRequestClientId, "github-pull-requests", issuer, DemoData.PipelinePullRequestSubject, [audience]));
    }

    /// <summary>The secretless apps (pipelines, managed identities), added to a demo database that predates them too.</summary>
    private void SeedPipelineApps()
    {
        if (directory.FindApplication(DemoData.SystemAssignedIdentityClientId) is null)
        {
            directory.AddApplication(new Application(DemoData.SystemAssignedIdentityClientId, DemoData.ContosoTenantId, "contoso-policy-app (system-assigned identity)", null, null, [DirectoryRoles.PolicyReadWrite]));
        }

        if (directory.FindApplication(DemoData.UserAssignedIdentityClientId) is null)
        {
            directory.AddApplication(new Application(DemoData.UserAssignedIdentityClientId, DemoData.ContosoTenantId, "contoso-reporting-identity (user-assigned)", null, null, [DirectoryRoles.PolicyRead]));
        }

        if (directory.FindApplication(DemoData.PipelineClientId) is null)
        {
            directory.AddApplication(new Application(DemoData.PipelineClientId, DemoData.ContosoTenantId, "Contoso policy pipeline", null, null, [DirectoryRoles.PolicyReadWrite]));
        }

        if (directory.FindApplication(DemoData.PullRequestClientId) is null)
        {
            directory.AddApplication(new Application(DemoData.PullRequestClientId, DemoData.ContosoTenantId, "Contoso policy check", null, null, [DirectoryRoles.PolicyRead]));
        }
    }

    /// <summary>The domain of the n-th generated customer tenant (1-based).</summary>
    public static string CustomerDomain(int number) => $"customer{number:D4}.onmicrosoft.com";

    /// <summary>Fabrikam's multi-tenant automation app; a database seeded before it existed gets it on the next start.</summary>
    private void SeedPartnerApp()
    {
        if (directory.FindApplication(DemoData.PartnerAppClientId) is null)
        {
            directory.AddApplication(new Application(DemoData.PartnerAppClientId, DemoData.FabrikamTenantId, "Fabrikam partner automation",
                DirectoryStore.HashSecret(DemoData.PartnerAppClientSecret), null, [DirectoryRoles.PolicyReadWrite]));
        }
    }

    /// <summary>
    /// Customer tenants of the demo partner, for partner loops at scale: each with its admin, the partner's
    /// Billing Administrator delegation (a GDAP relationship) and the partner's app consented; those already there are kept.
    /// </summary>
    private void SeedCustomers(int count)
    {
        for (var number = 1; number <= count; number++)
        {
            var domain = CustomerDomain(number);
            if (directory.FindTenant(domain) is not null)
            {
                continue;
            }

            var tenantId = $"77777777-0000-0000-0000-{number:D12}";
            directory.AddTenant(new Tenant(tenantId, domain, $"Customer {number}", "US", "Commercial"));
            directory.AddUser(new DirectoryUser($"78888888-0000-0000-0000-{number:D12}", tenantId, "admin@" + domain, $"Customer {number} Admin", [DirectoryRoles.GlobalAdministrator], false, true, false));
            directory.AddDelegation(tenantId, DemoData.PartnerObjectId, [DirectoryRoles.BillingAdministrator]);
            consents.Grant(tenantId, DemoData.PartnerAppClientId, [DirectoryRoles.PolicyReadWrite]);
        }
    }

    private void User(string objectId, string upn, string name, params string[] roles) =>
        directory.AddUser(new DirectoryUser(objectId, DemoData.ContosoTenantId, upn, name, roles, false, true, false));

    private static X509Certificate2 CreateAppCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Contoso certificate automation", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
    }
}
