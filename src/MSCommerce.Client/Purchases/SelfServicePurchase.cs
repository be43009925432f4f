using System;
using System.Collections.Generic;

namespace MSCommerce.Client.Purchases
{
    /// <summary>
    /// A product a user bought, or a trial a user started, with their own credit card. Read from the
    /// licensing service, or from Microsoft Graph's company subscriptions, which lack some fields
    /// (they stay null; see <see cref="Source"/>).
    /// </summary>
    public sealed class SelfServicePurchase
    {
        public string SubscriptionId { get; set; } = "";
        public string? ProductId { get; set; }
        public string? ProductName { get; set; }
        public string? PurchaserDisplayName { get; set; }
        public string? PurchaserUpn { get; set; }
        public string? PurchaserObjectId { get; set; }

        /// <summary>Whether the purchaser still has an account: Active, Disabled or Deleted (left the organisation); null when unknown (Graph).</summary>
        public string? PurchaserState { get; set; }

        public int Quantity { get; set; }
        public int? AssignedLicenses { get; set; }
        public string Status { get; set; } = "";
        public bool IsTrial { get; set; }
        public DateTimeOffset? PurchaseDate { get; set; }
        public DateTimeOffset? ExpirationDate { get; set; }
        public bool? AutoRenew { get; set; }
        public decimal? UnitPrice { get; set; }
        public string? Currency { get; set; }
        public string? BillingFrequency { get; set; }

        /// <summary>Set when asked for (-IncludeOrderHistory); null otherwise.</summary>
        public IReadOnlyList<PurchaseOrderEvent>? OrderHistory { get; set; }

        /// <summary>Set when asked for (-IncludeAssignedUsers); null otherwise.</summary>
        public IReadOnlyList<AssignedUser>? AssignedUsers { get; set; }

        /// <summary>Where the purchase was read: LicensingService or Graph.</summary>
        public string Source { get; set; } = PurchaseSources.LicensingService;

        public override string ToString() => $"{ProductName ?? ProductId} ({SubscriptionId})";
    }

    /// <summary>One event of a purchase's order history.</summary>
    public sealed class PurchaseOrderEvent
    {
        public string EventType { get; set; } = "";
        public DateTimeOffset Date { get; set; }
        public int Quantity { get; set; }
        public decimal Amount { get; set; }
        public string Currency { get; set; } = "";

        public override string ToString() => $"{Date:yyyy-MM-dd} {EventType} x{Quantity} {Amount} {Currency}";
    }

    /// <summary>A user a purchase's licences are assigned to.</summary>
    public sealed class AssignedUser
    {
        public string ObjectId { get; set; } = "";
        public string UserPrincipalName { get; set; } = "";
        public string? DisplayName { get; set; }

        public override string ToString() => UserPrincipalName;
    }

    public static class PurchaseSources
    {
        public const string LicensingService = "LicensingService";
        public const string Graph = "Graph";
    }
}
