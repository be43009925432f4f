using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Fleet;
using MSCommerce.Client.Partners;
using MSCommerce.Client.Policies;
using MSCommerce.Stub;

namespace MSCommerce.Client.Tests;

/// <summary>
/// Clients for customer tenants with one sign-in, over real HTTP against the local service with 12 customers:
/// a person's silent sign-in per tenant (MSAL's refresh token redeemed at each customer), a multi-tenant
/// app's token per tenant, and the fleet's bounded parallelism with each tenant's own resilience.
/// </summary>
public sealed class TenantClientTests : IAsyncLifetime
{
    private const int Customers = 12;
    private LocalService _service = null!;

    public async Task InitializeAsync() => _service = await LocalService.StartAsync(options => options.SeedCustomers = Customers);

    public Task DisposeAsync() => _service.DisposeAsync();

    private static TenantTarget Customer(int number) => new($"77777777-0000-0000-0000-{number:D12}", $"Customer {number}");

    private CommerceClientOptions Options() => new()
    {
        Endpoint = _service.BaseAddress, AuthorityHost = _service.BaseAddress, GraphEndpoint = _service.BaseAddress, TrustedCertificate = _service.Certificate,
        BaseRetryDelay = TimeSpan.FromMilliseconds(20), CircuitBreakDuration = TimeSpan.FromSeconds(30),
    };

    private Task<CommerceClient> PartnerAsync(CancellationToken cancellationToken) =>
        CommerceConnector.ConnectAsync(Options(), SignIn.WithDeviceCode(new SignInOptions { TenantId = DemoData.FabrikamDomain },
            // The code is approved as soon as it is shown, as the partner would in the browser.
            _ => _service.Admin.ApproveDeviceSignInsAsync(DemoData.FabrikamDomain, DemoData.PartnerUpn, cancellationToken)), null, cancellationToken);

    private Task<CommerceClient> PartnerAppAsync() =>
        CommerceConnector.ConnectAsync(Options(), SignIn.WithClientSecret(new SignInOptions { TenantId = DemoData.FabrikamDomain, ClientId = DemoData.PartnerAppClientId }, DemoData.PartnerAppClientSecret), null, CancellationToken.None);

    [Fact]
    public async Task One_person_sign_in_reaches_every_customer_at_once_each_redemption_of_the_refresh_token_in_turn()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var partner = await PartnerAsync(deadline.Token);

        // All at once: each silent sign-in spends the refresh token and MSAL keeps the new one, so they must not race for it.
        var reads = Enumerable.Range(1, Customers).Select(async number =>
        {
            using var customer = CommerceConnector.ForTenant(partner, Customer(number).TenantId);
            return await customer.GetProductPoliciesAsync(PolicyValues.AllowSelfServicePurchase, null, deadline.Token);
        }).ToList();

        var policies = await Task.WhenAll(reads);
        Assert.All(policies, products => Assert.NotEmpty(products));
    }

    [Fact]
    public async Task A_tenant_the_person_cannot_reach_is_a_SignInException_with_AADSTS50020_and_the_others_still_work()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var partner = await PartnerAsync(deadline.Token);

        using var school = CommerceConnector.ForTenant(partner, "school.onmicrosoft.com");
        var refused = await Assert.ThrowsAsync<SignInException>(() => school.GetProductPoliciesAsync(PolicyValues.AllowSelfServicePurchase, null, deadline.Token));
        Assert.Contains("AADSTS50020", refused.Message, StringComparison.Ordinal);
        Assert.Contains("school.onmicrosoft.com", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SignInErrorKind.AccountNotInTenant, refused.Kind);
        Assert.Contains("AADSTS50020", refused.IdentityErrorCodes);

        using var customer = CommerceConnector.ForTenant(partner, Customer(1).TenantId);
        Assert.NotEmpty(await customer.GetProductPoliciesAsync(PolicyValues.AllowSelfServicePurchase, null, deadline.Token));
    }

    [Fact]
    public async Task The_partners_customers_name_the_roles_granted_and_what_they_allow()
    {
        using var partner = await PartnerAppAsync();

        var customers = await partner.GetPartnerCustomersAsync(null, CancellationToken.None);

        Assert.Equal(Customers + 1, customers.Count);
        var one = Assert.Single(customers, customer => customer.TenantId == Customer(1).TenantId);
        Assert.Equal("Customer 1", one.TenantName);
        Assert.Equal([PolicyRoles.BillingAdministrator], one.Roles);
        Assert.True(one.CanChangePolicy);
        Assert.Equal("active", one.RelationshipStatus);
    }

    [Fact]
    public void A_token_given_as_is_cannot_reach_another_tenant()
    {
        using var client = CommerceConnector.ForAccessToken(Options(), "eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.");

        var refused = Assert.Throws<SignInException>(() => CommerceConnector.ForTenant(client, Customer(1).TenantId));

        Assert.Contains("reaches its own tenant only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fleet_runs_at_most_throttleLimit_tenants_at_once_and_reports_every_tenant_once()
    {
        using var partner = await PartnerAppAsync();
        var running = 0;
        var most = 0;
        var succeeded = new System.Collections.Concurrent.ConcurrentBag<string>();

        await TenantFleet.RunAsync(partner, Enumerable.Range(1, Customers).Select(Customer).ToList(), 3, async (client, tenant, cancel) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                try
                {
                    return await client.GetProductPoliciesAsync(PolicyValues.AllowSelfServicePurchase, null, cancel);
                }
                finally
                {
                    Interlocked.Decrement(ref running);
                }
            },
            (tenant, _) => succeeded.Add(tenant.TenantId),
            (tenant, error) => Assert.Fail($"{tenant}: {error.Message}"),
            CancellationToken.None);

        Assert.Equal(Customers, succeeded.Distinct().Count());
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task A_customer_whose_service_is_down_trips_its_own_circuit_breaker_and_holds_up_no_other()
    {
        using var partner = await PartnerAppAsync();
        _service.Admin.Fault(new { status = 503, rate = 1.0, tenant = Customer(2).TenantId });

        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        try
        {
            await TenantFleet.RunAsync(partner, [Customer(1), Customer(2), Customer(3)], 3,
                async (client, tenant, cancel) =>
                {
                    // Several calls in a row: the troubled tenant's breaker opens, and its later calls are not sent.
                    for (var call = 0; call < 6; call++)
                    {
                        await client.GetProductPolicyAsync(PolicyValues.AllowSelfServicePurchase, "CFQ7TTC0H9MP", null, cancel);
                    }

                    return true;
                },
                (tenant, _) => outcomes[tenant.TenantId] = "ok",
                (tenant, error) => outcomes[tenant.TenantId] = error is CommerceServiceException service ? service.Kind.ToString() : error.GetType().Name,
                CancellationToken.None);
        }
        finally
        {
            _service.Admin.ClearFaults();
        }

        Assert.Equal("ok", outcomes[Customer(1).TenantId]);
        Assert.Equal("ok", outcomes[Customer(3).TenantId]);
        Assert.Equal(nameof(CommerceErrorKind.ServiceUnavailable), outcomes[Customer(2).TenantId]);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
