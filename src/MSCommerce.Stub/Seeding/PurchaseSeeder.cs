using System.Security.Cryptography;
using System.Text;
using MSCommerce.Stub.Data;
using MSCommerce.Stub.Rules;

namespace MSCommerce.Stub.Seeding;

/// <summary>
/// The demo purchases (see <see cref="DemoData"/>: every status of purchases and trials, with order
/// histories and assigned users, and central subscriptions for Graph), and generated ones at volume.
/// Both are idempotent: ids are fixed, so a restart seeds nothing twice.
/// </summary>
public sealed class PurchaseSeeder(PurchaseStore purchases, DirectoryStore directory)
{
    /// <summary>The tenants that get generated purchases: the demo tenants where people buy.</summary>
    public static IReadOnlyList<string> GeneratedTenants { get; } = [DemoData.ContosoTenantId, DemoData.FabrikamTenantId];

    public void SeedDemo()
    {
        // Central subscriptions added since a database was first seeded arrive on its next start (ids already there are skipped).
        purchases.AddMany(
        [
            Bought(DemoData.ContosoPowerAutomateId, DemoData.ContosoTenantId, null, "CFQ7TTC0LH3L", 10, PurchaseStatuses.Active, -140, 225, autoRenew: true, []),
        ]);
        if (purchases.Exists(DemoData.AliceClipchampId))
        {
            return;
        }

        if (directory.FindUser(DemoData.ContosoTenantId, DemoData.DanaObjectId) is null)
        {
            directory.AddUser(new DirectoryUser(DemoData.DanaObjectId, DemoData.ContosoTenantId, DemoData.DanaUpn, "Dana Example (left)", [], false, true, false));
            directory.DeleteUser(DemoData.ContosoTenantId, DemoData.DanaObjectId);
        }

        const string contoso = DemoData.ContosoTenantId;
        purchases.AddMany(
        [
            Bought(DemoData.AliceClipchampId, contoso, DemoData.AliceObjectId, "CFQ7TTC0N8SS", 1, PurchaseStatuses.Expired, -500, -135, autoRenew: false, []),
            Bought(DemoData.AlicePowerBiProId, contoso, DemoData.AliceObjectId, "CFQ7TTC0H9MP", 5, PurchaseStatuses.Active, -400, 330, autoRenew: true, [DemoData.AliceObjectId, DemoData.BobObjectId],
                (OrderEventTypes.QuantityChange, -300, 8, 3), (OrderEventTypes.Renewal, -35, 8, 8)),
            Bought(DemoData.BobPowerAppsId, contoso, DemoData.BobObjectId, "CFQ7TTC0LH2H", 2, PurchaseStatuses.Cancelled, -200, 165, autoRenew: false, [],
                (OrderEventTypes.Cancellation, -20, 2, 0)),
            Bought(DemoData.DanaPowerAutomateId, contoso, DemoData.DanaObjectId, "CFQ7TTC0LH3L", 3, PurchaseStatuses.Active, -150, 215, autoRenew: true, [DemoData.BobObjectId],
                billing: BillingFrequencies.Annual),
            Bought(DemoData.AlicePowerBiPremiumId, contoso, DemoData.AliceObjectId, "CFQ7TTC0H6RP", 1, PurchaseStatuses.Disabled, -120, 245, autoRenew: true, [DemoData.AliceObjectId]),
            Trial(DemoData.BobProjectTrialId, DemoData.BobObjectId, "CFQ7TTC0HDB0", 25, PurchaseStatuses.Expired, -90, [DemoData.BobObjectId]),
            Trial(DemoData.BobTeamsTrialId, DemoData.BobObjectId, "CFQ7TTC0J1FV", 10, PurchaseStatuses.Cancelled, -45, [], cancelledOn: -30),
            Trial(DemoData.DanaPlannerTrialId, DemoData.DanaObjectId, "CFQ7TTC0HDB1", 25, PurchaseStatuses.Disabled, -40, []),
            Trial(DemoData.AliceVisioTrialId, DemoData.AliceObjectId, "CFQ7TTC0HD33", 25, PurchaseStatuses.Active, -10, [DemoData.AliceObjectId]),
            Bought(DemoData.ContosoF3Id, contoso, null, "CFQ7TTC0LH05", 50, PurchaseStatuses.Active, -300, 65, autoRenew: true, [], billing: BillingFrequencies.Annual),
            Bought(DemoData.ContosoPowerBiProId, contoso, null, "CFQ7TTC0H9MP", 100, PurchaseStatuses.Active, -250, 115, autoRenew: true, []),
            Bought(DemoData.ContosoCopilotId, contoso, null, "CFQ7TTC0MM8R", 20, PurchaseStatuses.Active, -60, 305, autoRenew: true, [], billing: BillingFrequencies.Annual),
            Bought(DemoData.PartnerPowerBiProId, DemoData.FabrikamTenantId, DemoData.PartnerObjectId, "CFQ7TTC0H9MP", 2, PurchaseStatuses.Active, -30, 335, autoRenew: true, [DemoData.PartnerObjectId]),
        ]);
    }

    /// <summary>
    /// Adds <paramref name="count"/> purchases to the tenant, the same ones on every machine (a fixed
    /// random seed), spread over products, the tenant's purchasers, statuses and three years before
    /// <see cref="DemoData.PurchaseBase"/>; about one in ten shares the purchase date of the one before.
    /// Returns how many were new.
    /// </summary>
    /// <remarks>
    /// They are made in date order with ids that grow with it, so every index takes them at its end:
    /// random keys scatter the writes over the whole file and make seeding several times slower.
    /// </remarks>
    public int SeedGenerated(string tenantId, int count)
    {
        if (count <= 0 || purchases.Exists(GeneratedId(tenantId, count - 1)))
        {
            return 0;
        }

        var users = directory.Users(tenantId).Where(user => !user.IsGuest).ToList();
        if (users.Count == 0)
        {
            return 0;
        }

        var holders = users.Where(user => !user.Deleted).Select(user => user.ObjectId).ToList();
        var random = new Random(StableSeed(tenantId));
        return purchases.AddMany(Generate(tenantId, count, users, holders, random));
    }

    private static IEnumerable<NewPurchase> Generate(string tenantId, int count, IReadOnlyList<DirectoryUser> purchasers, IReadOnlyList<string> holders, Random random)
    {
        var products = Catalog.Products;
        var span = TimeSpan.FromDays(3 * 365);
        var meanGap = span.Ticks / count;
        var purchaseDate = DemoData.PurchaseBase - span;
        for (var i = 0; i < count; i++)
        {
            if (random.Next(10) != 0)
            {
                purchaseDate = purchaseDate.AddTicks(TimeSpan.TicksPerSecond + random.NextInt64(2 * meanGap) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
            }

            var product = products[random.Next(products.Count)];
            var purchaser = purchasers[random.Next(purchasers.Count)];
            var isTrial = random.Next(4) == 0;
            var quantity = isTrial ? 25 : random.Next(1, 21);
            var billing = isTrial ? BillingFrequencies.None : random.Next(5) == 0 ? BillingFrequencies.Annual : BillingFrequencies.Monthly;
            var unitPrice = ProductSkus.UnitPrice(product.ProductId, billing);
            var status = random.Next(20) switch
            {
                < 12 => PurchaseStatuses.Active,
                < 15 => PurchaseStatuses.Expired,
                < 17 => PurchaseStatuses.Disabled,
                _ => PurchaseStatuses.Cancelled,
            };
            var history = new List<OrderEvent> { new(isTrial ? OrderEventTypes.TrialStarted : OrderEventTypes.Purchase, purchaseDate, quantity, quantity * unitPrice, ProductSkus.Currency) };
            var expiration = isTrial ? purchaseDate + PurchaseTerms.TrialLength : purchaseDate.AddYears(1);
            if (status == PurchaseStatuses.Expired && expiration > DemoData.PurchaseBase)
            {
                status = PurchaseStatuses.Active;
            }

            if (isTrial && status == PurchaseStatuses.Active && expiration <= DemoData.PurchaseBase)
            {
                status = PurchaseStatuses.Expired;
            }

            // A subscription still running renews on each anniversary up to the base date.
            while (!isTrial && status != PurchaseStatuses.Expired && expiration <= DemoData.PurchaseBase)
            {
                history.Add(new OrderEvent(OrderEventTypes.Renewal, expiration, quantity, quantity * unitPrice, ProductSkus.Currency));
                expiration = expiration.AddYears(1);
            }

            if (status == PurchaseStatuses.Cancelled)
            {
                var cancelled = history[^1].Date.AddMinutes(random.Next(1, 60 * 24 * 20));
                history.Add(new OrderEvent(OrderEventTypes.Cancellation, cancelled < DemoData.PurchaseBase ? cancelled : DemoData.PurchaseBase, quantity, 0, ProductSkus.Currency));
            }

            var assigned = holders.Count == 0 ? [] : holders.OrderBy(_ => random.Next()).Take(random.Next(0, Math.Min(quantity, Math.Min(3, holders.Count)) + 1)).ToList();
            yield return new NewPurchase(GeneratedId(tenantId, i), tenantId, product.ProductId, OwnerTypes.User, purchaser.ObjectId, quantity, status, isTrial,
                purchaseDate, expiration, AutoRenew: !isTrial && status is PurchaseStatuses.Active or PurchaseStatuses.Disabled, unitPrice, ProductSkus.Currency, billing, history, assigned);
        }
    }

    private static NewPurchase Bought(string id, string tenantId, string? purchaser, string productId, int quantity, string status, int boughtOn, int expiresOn, bool autoRenew,
        IReadOnlyList<string> assigned, params (string Type, int Day, int Quantity, int ChargedLicences)[] later) =>
        Bought(id, tenantId, purchaser, productId, quantity, status, boughtOn, expiresOn, autoRenew, assigned, BillingFrequencies.Monthly, later);

    private static NewPurchase Bought(string id, string tenantId, string? purchaser, string productId, int quantity, string status, int boughtOn, int expiresOn, bool autoRenew,
        IReadOnlyList<string> assigned, string billing, params (string Type, int Day, int Quantity, int ChargedLicences)[] later)
    {
        var unitPrice = ProductSkus.UnitPrice(productId, billing);
        var history = new List<OrderEvent> { new(OrderEventTypes.Purchase, Day(boughtOn), quantity, quantity * unitPrice, ProductSkus.Currency) };
        history.AddRange(later.Select(entry => new OrderEvent(entry.Type, Day(entry.Day), entry.Quantity, entry.ChargedLicences * unitPrice, ProductSkus.Currency)));
        return new NewPurchase(id, tenantId, productId, purchaser is null ? OwnerTypes.Organization : OwnerTypes.User, purchaser, history[^1].Quantity, status, false,
            Day(boughtOn), Day(expiresOn), autoRenew, unitPrice, ProductSkus.Currency, billing, history, assigned);
    }

    private static NewPurchase Trial(string id, string purchaser, string productId, int quantity, string status, int startedOn, IReadOnlyList<string> assigned, int? cancelledOn = null)
    {
        var history = new List<OrderEvent> { new(OrderEventTypes.TrialStarted, Day(startedOn), quantity, 0, ProductSkus.Currency) };
        if (cancelledOn is int day)
        {
            history.Add(new OrderEvent(OrderEventTypes.Cancellation, Day(day), quantity, 0, ProductSkus.Currency));
        }

        return new NewPurchase(id, DemoData.ContosoTenantId, productId, OwnerTypes.User, purchaser, quantity, status, true,
            Day(startedOn), Day(startedOn) + PurchaseTerms.TrialLength, false, 0, ProductSkus.Currency, BillingFrequencies.None, history, assigned);
    }

    private static DateTime Day(int days) => DemoData.PurchaseBase.AddDays(days);

    // The first group counts up; the rest is a hash, unique per tenant and index.
    private static string GeneratedId(string tenantId, int index) =>
        $"{index:x8}-{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"generated:{tenantId}:{index}")))[..24].Insert(4, "-").Insert(9, "-").Insert(14, "-")}";

    private static int StableSeed(string tenantId) => BitConverter.ToInt32(MD5.HashData(Encoding.UTF8.GetBytes(tenantId)));
}
