using System.Net;
using MSCommerce.Stub;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Stub.Tests;

/// <summary>Who may buy what: every rule of "Who may buy", each refusal a 403 PurchaseNotAllowed that sends the user to their IT admin.</summary>
[Collection(ServiceCollection.Name)]
public sealed class PurchaseRuleTests(ServiceFixture service)
{
    private const string Purchases = "v1.0/selfServicePurchases";
    private const string PowerBiPro = "CFQ7TTC0H9MP";
    private const string VisioPlan1 = "CFQ7TTC0HD33";
    private const string VisioPlan2 = "CFQ7TTC0HD32";
    private const string ProjectPlan3 = "CFQ7TTC0HDB0";

    [Fact]
    public async Task A_user_buys_with_a_credit_card_and_gets_201_the_item_and_its_location()
    {
        var shop = await Shop.OpenAsync(service);
        var before = DateTime.UtcNow.AddSeconds(-5);

        using var response = await service.SendAsync(HttpMethod.Post, Purchases, shop.Buyer, Shop.Order(PowerBiPro, 3, paymentMethod: "CreditCard"));
        var purchase = await ServiceFixture.JsonAsync(response);
        var read = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, response.Headers.Location!.ToString(), shop.Buyer);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new Uri(service.Service.BaseAddress, $"{Purchases}/{purchase.Id()}"), response.Headers.Location);
        Assert.True(Guid.TryParse(purchase.Id(), out _));
        Assert.Equal(shop.BuyerUpn, purchase.Text("purchaserUpn"));
        Assert.Equal(3, purchase.GetProperty("quantity").GetInt32());
        Assert.Equal(0, purchase.GetProperty("assignedLicenses").GetInt32());
        Assert.Equal("Active", purchase.Text("status"));
        Assert.False(purchase.GetProperty("isTrial").GetBoolean());
        Assert.True(purchase.GetProperty("autoRenew").GetBoolean());
        Assert.Equal("14.00", purchase.GetProperty("unitPrice").GetRawText());
        Assert.Equal("Monthly", purchase.Text("billingFrequency"));
        var bought = purchase.GetProperty("purchaseDate").GetDateTime();
        Assert.InRange(bought, before, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(bought.AddYears(1), purchase.GetProperty("expirationDate").GetDateTime());
        var entry = Assert.Single(purchase.GetProperty("orderHistory").EnumerateArray());
        Assert.Equal("Purchase", entry.Text("eventType"));
        Assert.Equal("42.00", entry.GetProperty("amount").GetRawText());
        Assert.Equal(purchase.Id(), read.Id());
    }

    [Fact]
    public async Task A_trial_without_a_payment_method_starts_for_a_product_that_offers_one()
    {
        var shop = await Shop.OpenAsync(service);

        var trial = await shop.BuyAsync(VisioPlan1, isTrial: true, paymentMethod: null);

        Assert.True(trial.GetProperty("isTrial").GetBoolean());
        Assert.Equal("0.00", trial.GetProperty("unitPrice").GetRawText());
        Assert.Equal("None", trial.Text("billingFrequency"));
        Assert.False(trial.GetProperty("autoRenew").GetBoolean());
        Assert.Equal(1, trial.GetProperty("quantity").GetInt32());
        Assert.Equal(trial.GetProperty("purchaseDate").GetDateTime().AddDays(30), trial.GetProperty("expirationDate").GetDateTime());
        Assert.Equal("TrialStarted", trial.GetProperty("orderHistory")[0].Text("eventType"));
    }

    [Theory]
    [InlineData("US", "Commercial", PowerBiPro, false, null, "Buying Power BI Pro needs a payment method: a credit card.")]
    [InlineData("US", "Commercial", PowerBiPro, false, "Invoice", "Self-service purchases are paid by credit card only, not 'Invoice'.")]
    [InlineData("US", "Commercial", PowerBiPro, true, null, "A trial of Power BI Pro needs a payment method: a credit card.")]
    [InlineData("US", "Commercial", VisioPlan1, true, "PayPal", "Self-service purchases are paid by credit card only, not 'PayPal'.")]
    [InlineData("US", "Education", PowerBiPro, false, "CreditCard", "Self-service purchase is not available to education tenants.")]
    [InlineData("US", "Government", VisioPlan1, true, null, "Self-service purchase is not available to government tenants.")]
    [InlineData("IN", "Commercial", PowerBiPro, false, "CreditCard", "Self-service purchase is not available in India.")]
    [InlineData("BR", "Commercial", ProjectPlan3, false, "CreditCard", "Project Plan 3 is not available for self-service purchase in Brazil.")]
    [InlineData("BR", "Commercial", VisioPlan2, false, "CreditCard", "Visio Plan 2 is not available for self-service purchase in Brazil.")]
    [InlineData("CD", "Commercial", VisioPlan1, true, null, "Visio Plan 1 is not available for self-service purchase in the Democratic Republic of the Congo.")]
    public async Task An_ineligible_order_is_403_PurchaseNotAllowed_saying_why_and_to_contact_the_IT_admin(string country, string tenantType, string productId, bool isTrial, string? paymentMethod, string why)
    {
        var shop = await Shop.OpenAsync(service, country, tenantType);

        var refusal = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Purchases, shop.Buyer, Shop.Order(productId, isTrial: isTrial, paymentMethod: paymentMethod));

        Assert.Equal("PurchaseNotAllowed", refusal.Text("errorCode"));
        Assert.Equal($"{why} Contact your IT admin.", refusal.Text("reason"));
        Assert.Empty((await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Purchases, shop.Admin)).Ids());
    }

    [Theory]
    [InlineData("BR", PowerBiPro)]
    [InlineData("CD", PowerBiPro)]
    [InlineData("DE", ProjectPlan3)]
    public async Task Project_and_Visio_only_are_withheld_in_Brazil_and_the_Congo(string country, string productId)
    {
        var shop = await Shop.OpenAsync(service, country);

        var purchase = await shop.BuyAsync(productId);

        Assert.Equal(productId, purchase.Text("productId"));
    }

    [Fact]
    public async Task A_guest_cannot_buy_in_the_tenant_where_they_are_a_guest()
    {
        var shop = await Shop.OpenAsync(service);
        var guest = await shop.UserAsync("guest", isGuest: true);

        var refusal = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Purchases, guest, Shop.Order(PowerBiPro, paymentMethod: "CreditCard"));

        Assert.Equal("Guest users cannot buy in a tenant where they are guests. Contact your IT admin.", refusal.Text("reason"));
    }

    [Fact]
    public async Task A_disabled_account_cannot_buy()
    {
        var shop = await Shop.OpenAsync(service);
        var disabled = await shop.UserAsync("disabled", accountEnabled: false);

        var refusal = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Purchases, disabled, Shop.Order(PowerBiPro, paymentMethod: "CreditCard"));

        Assert.Equal("Only users with an active account can buy. Contact your IT admin.", refusal.Text("reason"));
    }

    [Fact]
    public async Task A_partner_acting_in_a_customer_tenant_is_not_a_user_of_it_and_cannot_buy_there()
    {
        var refusal = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Purchases,
            await service.Admin.TokenAsync(DemoData.PartnerUpn, DemoData.ContosoDomain), Shop.Order(PowerBiPro, paymentMethod: "CreditCard"));

        Assert.Equal("PurchaseNotAllowed", refusal.Text("errorCode"));
        Assert.Equal("Only users of Contoso can buy in it. Contact your IT admin.", refusal.Text("reason"));
    }

    [Fact]
    public async Task Disabled_refuses_purchases_and_trials_of_the_product_only()
    {
        var shop = await Shop.OpenAsync(service);
        await shop.SetPolicyAsync(VisioPlan1, "Disabled");

        var purchase = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Purchases, shop.Buyer, Shop.Order(VisioPlan1, paymentMethod: "CreditCard"));
        var trial = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Purchases, shop.Buyer, Shop.Order(VisioPlan1, isTrial: true));
        await shop.BuyAsync(VisioPlan2);

        Assert.Equal("Shop does not allow self-service purchases or trials of Visio Plan 1. Contact your IT admin.", purchase.Text("reason"));
        Assert.Equal(purchase.Text("reason"), trial.Text("reason"));
    }

    [Fact]
    public async Task OnlyTrialsWithoutPaymentMethod_allows_a_trial_without_payment_method_and_refuses_a_purchase()
    {
        var shop = await Shop.OpenAsync(service);
        await shop.SetPolicyAsync(VisioPlan1, "OnlyTrialsWithoutPaymentMethod");

        var purchase = await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Purchases, shop.Buyer, Shop.Order(VisioPlan1, paymentMethod: "CreditCard"));
        var trial = await shop.BuyAsync(VisioPlan1, isTrial: true, paymentMethod: null);

        Assert.Equal("Shop allows only trials of Visio Plan 1 without a payment method, not purchases. Contact your IT admin.", purchase.Text("reason"));
        Assert.True(trial.GetProperty("isTrial").GetBoolean());
    }

    [Fact]
    public async Task OnlyTrialsWithoutPaymentMethod_cannot_be_set_on_a_product_without_such_trials()
    {
        var shop = await Shop.OpenAsync(service);

        var refusal = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"v1.0/policies/AllowSelfServicePurchase/products/{PowerBiPro}", shop.Admin, """{"policyValue":"OnlyTrialsWithoutPaymentMethod"}""");

        Assert.Contains("does not offer trials without a payment method", refusal.Text("reason"));
    }

    [Theory]
    [InlineData(true, false, null, "Shop allows only trials without a payment method, and Power BI Pro offers none. Contact your IT admin.")]
    [InlineData(false, false, "CreditCard", "Shop allows only trials of Power BI Pro without a payment method, not purchases. Contact your IT admin.")]
    [InlineData(true, true, null, null)]
    [InlineData(true, true, "CreditCard", null)]
    public void OnlyTrialsWithoutPaymentMethod_as_a_rule_allows_only_trials_of_products_that_offer_them(bool isTrial, bool offersTrialWithoutPaymentMethod, string? paymentMethod, string? refusal)
    {
        var tenant = new Tenant("t", "shop.example", "Shop", "US", "Commercial");
        var buyer = new DirectoryUser("u", "t", "buyer@shop.example", "Buyer", [], false, true, false);
        var product = new ProductPolicyRow(Catalog.AllowSelfServicePurchase, PowerBiPro, "Power BI Pro", PolicyValues.OnlyTrialsWithoutPaymentMethod, offersTrialWithoutPaymentMethod);

        Assert.Equal(refusal, PurchaseEligibility.Refusal(tenant, buyer, new PurchaseRequest(product, isTrial, paymentMethod)));
    }

    [Fact]
    public async Task A_policy_change_affects_new_purchases_only()
    {
        var shop = await Shop.OpenAsync(service);
        var existing = await shop.BuyAsync(PowerBiPro, quantity: 2);

        await shop.SetPolicyAsync(PowerBiPro, "Disabled");
        await service.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Purchases, shop.Buyer, Shop.Order(PowerBiPro, paymentMethod: "CreditCard"));
        var more = await service.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{Purchases}/{existing.Id()}", shop.Buyer, """{"quantity":4}""");

        Assert.Equal("Active", more.Text("status"));
        Assert.Equal(4, more.GetProperty("quantity").GetInt32());
    }

    [Theory]
    [InlineData("CFQ7TTC0NONE")]
    [InlineData("DEMO99999999")]
    public async Task An_unknown_product_is_400_ProductNotFound(string productId)
    {
        var shop = await Shop.OpenAsync(service);

        var error = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Purchases, shop.Buyer, Shop.Order(productId, paymentMethod: "CreditCard"));

        Assert.Equal("ProductNotFound", error.Text("errorCode"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    [InlineData(-5)]
    public async Task A_quantity_outside_1_to_10000_is_400(int quantity)
    {
        var shop = await Shop.OpenAsync(service);

        var error = await service.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Purchases, shop.Buyer, Shop.Order(PowerBiPro, quantity, paymentMethod: "CreditCard"));

        Assert.Contains("quantity must be between 1 and 10000", error.Text("reason"));
    }

    [Fact]
    public async Task The_largest_quantity_and_a_case_insensitive_payment_method_are_accepted()
    {
        var shop = await Shop.OpenAsync(service);

        var purchase = await shop.BuyAsync(PowerBiPro, quantity: 10000, paymentMethod: "creditcard");

        Assert.Equal(10000, purchase.GetProperty("quantity").GetInt32());
    }
}
