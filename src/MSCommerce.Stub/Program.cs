using MSCommerce.Stub;

if (CommerceServiceOptions.AsksForHelp(args))
{
    Console.Write(CommerceServiceOptions.Help);
    return 0;
}

CommerceServiceOptions options;
try
{
    options = CommerceServiceOptions.FromArguments(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

CommerceService service;
try
{
    service = await CommerceService.StartAsync(options);
}
catch (Exception error) when (StartFailure.Describe(error, options) is string reason)
{
    Console.Error.WriteLine(reason);
    return 1;
}

await using var running = service;
Console.WriteLine($"Local commerce service listening on {service.BaseAddress}");
Console.WriteLine($"  database:     {options.DatabasePath}");
Console.WriteLine($"  certificate:  {service.CertificatePath} (trust it with Connect-MSCommerce -TrustedCertificate)");
Console.WriteLine($"  test controls {(options.EnableTestControls ? "on at /_admin" : "off (--test-controls turns them on)")}");
if (options.Seed == "demo")
{
    Console.WriteLine($"""
          demo tenant:  {DemoData.ContosoDomain} ({DemoData.ContosoTenantId})
          app (secret, read-write):  client id {DemoData.AutomationClientId}, secret {DemoData.AutomationClientSecret}
          app (secret, read only):   client id {DemoData.ReportingClientId}, secret {DemoData.ReportingClientSecret}
          app (certificate):         client id {MSCommerce.Stub.Seeding.DemoSeeder.CertificateClientId}, certificate {service.DemoAppCertificatePath}
          app (federated, no secret): client id {DemoData.PipelineClientId}, trusts {service.BaseAddress}_ci/oidc for {DemoData.PipelineMainSubject} (POST /_admin/ci-tokens)
          users: {DemoData.AdminUpn} (Global Administrator), {DemoData.BillingAdminUpn}, {DemoData.GlobalReaderUpn}, {DemoData.AliceUpn}, {DemoData.BobUpn}; password {DemoData.DemoUserPassword} (browser and /devicelogin)
          partner: {DemoData.PartnerUpn} (Billing Administrator in Contoso through a delegation)
          purchases: {DemoData.ContosoSelfServicePurchases} self-service purchases and trials in Contoso (by alice, bob and dana, who left), {DemoData.ContosoOrganizationSubscriptions} central subscriptions (Graph and /v1.0/organizationSubscriptions), 1 in Fabrikam
        """);
    if (options.SeedCustomers > 0)
    {
        Console.WriteLine($"  customers:    {options.SeedCustomers} tenants, {MSCommerce.Stub.Seeding.DemoSeeder.CustomerDomain(1)} to {MSCommerce.Stub.Seeding.DemoSeeder.CustomerDomain(options.SeedCustomers)}, each with admin@, {DemoData.PartnerUpn} as delegated Billing Administrator (GDAP) and the partner app consented");
        Console.WriteLine($"  partner app (multi-tenant): client id {DemoData.PartnerAppClientId}, secret {DemoData.PartnerAppClientSecret}, in {DemoData.FabrikamDomain}");
    }

    if (options.SeedPurchases > 0)
    {
        Console.WriteLine($"  generated:    {options.SeedPurchases} purchases each in Contoso and Fabrikam");
    }
}

Console.WriteLine("Press Ctrl+C to stop.");
// The web host turns Ctrl+C and SIGTERM into a stop request; the service then shuts down cleanly.
var stopped = new TaskCompletionSource();
service.Stopping.Register(() => stopped.TrySetResult());
await stopped.Task;
return 0;
