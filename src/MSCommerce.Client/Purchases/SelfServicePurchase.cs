using System;
using System.Collections.Generic;
using System.Globalization;

namespace MSCommerce.Client.Purchases
{
    /// <summary>
    /// A product a user bought, or a trial a user started, with their own credit card. Read from the
    /// licensing service, or from Microsoft Graph's company subscriptions, which lack some fields
    /// (they stay null; see <see cref="Source"/>).
    /// </summary>
    public sealed class SelfServicePurchase
    {
        /// <summary>The subscription the purchase created.</summary>
        public string SubscriptionId { get; set; } = "";
        /// <summary>The product's id; null from Graph.</summary>
        public string? ProductId { get; set; }
        /// <summary>The product's name (from Graph: its SKU part number).</summary>
        public string? ProductName { get; set; }
        /// <summary>The purchaser's display name; null from Graph.</summary>
        public string? PurchaserDisplayName { get; set; }
        /// <summary>The purchaser's user principal name; null from Graph.</summary>
        public string? PurchaserUpn { get; set; }
        /// <summary>The purchaser's object id.</summary>
        public string? PurchaserObjectId { get; set; }

        /// <summary>Whether the purchaser still has an account: Active, Disabled or Deleted (left the organisation); null when unknown (Graph).</summary>
        public string? PurchaserState { get; set; }

        /// <summary>How many licenses were bought.</summary>
        public int Quantity { get; set; }
        /// <summary>How many of them are assigned; null when unknown.</summary>
        public int? AssignedLicenses { get; set; }
        /// <summary>Active, Expired, Disabled or Cancelled.</summary>
        public string Status { get; set; } = "";
        /// <summary>Whether it is a trial.</summary>
        public bool IsTrial { get; set; }
        /// <summary>When it was bought.</summary>
        public DateTimeOffset? PurchaseDate { get; set; }
        /// <summary>When it expires or renews; null when unknown.</summary>
        public DateTimeOffset? ExpirationDate { get; set; }
        /// <summary>Whether it renews by itself; null when unknown.</summary>
        public bool? AutoRenew { get; set; }
        /// <summary>The price of one license; null when unknown.</summary>
        public decimal? UnitPrice { get; set; }
        /// <summary>The currency of <see cref="UnitPrice"/>.</summary>
        public string? Currency { get; set; }
        /// <summary>How often it is billed, e.g. Monthly.</summary>
        public string? BillingFrequency { get; set; }

        /// <summary>Set when asked for (-IncludeOrderHistory); null otherwise. Its text (Export-Csv) is each order's, joined with "; ".</summary>
        public IReadOnlyList<PurchaseOrderEvent>? OrderHistory { get; set; }

        /// <summary>Set when asked for (-IncludeAssignedUsers); null otherwise. Its text (Export-Csv) is the users' principal names, joined with "; ".</summary>
        public IReadOnlyList<AssignedUser>? AssignedUsers { get; set; }

        /// <summary>Where the purchase was read: LicensingService or Graph.</summary>
        public string Source { get; set; } = PurchaseSources.LicensingService;

        /// <inheritdoc />
        public override string ToString() => $"{ProductName ?? ProductId} ({SubscriptionId})";
    }

    /// <summary>One event of a purchase's order history.</summary>
    public sealed class PurchaseOrderEvent
    {
        /// <summary>Purchase, Renewal, QuantityChange, Cancellation...</summary>
        public string EventType { get; set; } = "";
        /// <summary>When it happened.</summary>
        public DateTimeOffset Date { get; set; }
        /// <summary>The number of licenses after it.</summary>
        public int Quantity { get; set; }
        /// <summary>The amount charged.</summary>
        public decimal Amount { get; set; }
        /// <summary>The currency of <see cref="Amount"/>.</summary>
        public string Currency { get; set; } = "";

        /// <inheritdoc />
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd} {1} x{2} {3} {4}", Date, EventType, Quantity, Amount, Currency);
    }

    /// <summary>A user a purchase's licences are assigned to.</summary>
    public sealed class AssignedUser
    {
        /// <summary>The user's object id.</summary>
        public string ObjectId { get; set; } = "";
        /// <summary>The user's user principal name.</summary>
        public string UserPrincipalName { get; set; } = "";
        /// <summary>The user's display name.</summary>
        public string? DisplayName { get; set; }
        /// <summary>Whether the user still has an account: Active, Disabled or Deleted (left the organisation); null when unknown.</summary>
        public string? State { get; set; }

        /// <inheritdoc />
        public override string ToString() => UserPrincipalName;
    }

    /// <summary>Where a <see cref="SelfServicePurchase"/> was read from (<see cref="SelfServicePurchase.Source"/>).</summary>
    public static class PurchaseSources
    {
        /// <summary>The licensing service's purchases resource.</summary>
        public const string LicensingService = "LicensingService";
        /// <summary>Microsoft Graph's company subscriptions.</summary>
        public const string Graph = "Graph";
    }
}
