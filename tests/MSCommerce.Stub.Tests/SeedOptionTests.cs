using System.Net;
using MSCommerce.Stub.Seeding;

namespace MSCommerce.Stub.Tests;

/// <summary>The seed options for scale, as a partner loop or a benchmark uses them.</summary>
[Collection(ServiceCollection.Name)]
public sealed class SeedOptionTests(ServiceFixture service)
{
    [Fact]
    public void Seeded_customer_tenants_each_have_an_admin_and_the_partner_as_delegated_Billing_Administrator()
    {
        for (var number = 1; number <= ServiceFixture.CustomerTenants; number++)
        {
            var domain = DemoSeeder.CustomerDomain(number);

            using var asPartner = service.Send(HttpMethod.Put, "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0H9MP", service.Admin.Token(DemoData.PartnerUpn, domain), """{"policyValue":"Disabled"}""");
            using var asAdmin = service.Send(HttpMethod.Get, "v1.0/policies/AllowSelfServicePurchase/products/CFQ7TTC0H9MP", service.Admin.Token("admin@" + domain, domain));

            asPartner.AssertStatus(HttpStatusCode.OK);
            asAdmin.AssertStatus(HttpStatusCode.OK);
            Assert.Equal("Disabled", ServiceFixture.Json(asAdmin).GetProperty("policyValue").GetString());
        }
    }

    [Fact]
    public async Task No_customer_tenant_exists_past_the_number_asked_for()
    {
        using var response = await service.Http.PostAsync("_admin/tokens", System.Net.Http.Json.JsonContent.Create(new
        {
            tenant = DemoSeeder.CustomerDomain(ServiceFixture.CustomerTenants + 1),
            userPrincipalName = DemoData.PartnerUpn,
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(new[] { "--seed", "demo", "--seed-customers", "200" }, 200)]
    [InlineData(new[] { "--seed", "demo", "--seed-tenants", "25" }, 25)]
    [InlineData(new[] { "--seed", "demo" }, 0)]
    public void Seed_customers_and_its_former_name_seed_tenants_are_read_from_the_command_line(string[] arguments, int expected)
    {
        var options = CommerceServiceOptions.FromArguments(arguments);

        Assert.Equal(expected, options.SeedCustomers);
        Assert.Equal(expected, options.SeedTenants);
    }

    [Theory]
    [InlineData("--seed-customers")]
    [InlineData("--seed-tenants")]
    public void Seed_customers_without_the_demo_seed_is_refused_with_why(string option)
    {
        var error = Assert.Throws<ArgumentException>(() => CommerceServiceOptions.FromArguments([option, "5"]));

        Assert.Contains("--seed demo", error.Message, StringComparison.Ordinal);
    }
}
