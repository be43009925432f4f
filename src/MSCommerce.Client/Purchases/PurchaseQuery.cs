using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MSCommerce.Client.Purchases
{
    /// <summary>Which purchases to read; every filter runs on the service.</summary>
    public sealed class PurchaseQuery
    {
        /// <summary>The page size unless another is given.</summary>
        public const int DefaultPageSize = 100;
        /// <summary>The largest page size the service accepts.</summary>
        public const int MaxPageSize = 1000;

        /// <summary>The values <see cref="Status"/> may take.</summary>
        public static IReadOnlyList<string> Statuses { get; } = new[] { "Active", "Expired", "Disabled", "Cancelled" };

        /// <summary>The values <see cref="Type"/> may take.</summary>
        public static IReadOnlyList<string> Types { get; } = new[] { "Purchase", "Trial" };

        /// <summary>The values <see cref="PurchaserState"/> may take.</summary>
        public static IReadOnlyList<string> PurchaserStates { get; } = new[] { "Active", "Disabled", "Deleted" };

        /// <summary>Only purchases of this product id.</summary>
        public string? ProductId { get; set; }

        /// <summary>A user principal name or an object id.</summary>
        public string? Purchaser { get; set; }

        /// <summary>Active, Disabled or Deleted: whether the purchaser still has an account.</summary>
        public string? PurchaserState { get; set; }

        /// <summary>Only purchases in this status: Active, Expired, Disabled or Cancelled.</summary>
        public string? Status { get; set; }

        /// <summary>Purchase or Trial.</summary>
        public string? Type { get; set; }

        /// <summary>Only purchases made after this moment.</summary>
        public DateTimeOffset? CreatedAfter { get; set; }

        /// <summary>Only purchases that expire before this moment.</summary>
        public DateTimeOffset? ExpiringBefore { get; set; }

        /// <summary>Fill <see cref="SelfServicePurchase.OrderHistory"/>.</summary>
        public bool IncludeOrderHistory { get; set; }

        /// <summary>Fill <see cref="SelfServicePurchase.AssignedUsers"/>.</summary>
        public bool IncludeAssignedUsers { get; set; }

        /// <summary>How many purchases each page holds, 1 to <see cref="MaxPageSize"/>.</summary>
        public int PageSize { get; set; } = DefaultPageSize;

        internal string ToQueryString()
        {
            var parts = new List<string>();
            Add(parts, "productId", ProductId);
            Add(parts, "purchaser", Purchaser);
            Add(parts, "purchaserState", PurchaserState);
            Add(parts, "status", Status);
            Add(parts, "type", Type);
            Add(parts, "createdAfter", CreatedAfter?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
            Add(parts, "expiringBefore", ExpiringBefore?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
            var expand = new[] { IncludeOrderHistory ? "orderHistory" : null, IncludeAssignedUsers ? "assignedUsers" : null }.Where(item => item != null).ToList();
            Add(parts, "$expand", expand.Count == 0 ? null : string.Join(",", expand));
            Add(parts, "$top", PageSize.ToString(CultureInfo.InvariantCulture));
            return string.Join("&", parts);
        }

        private static void Add(List<string> parts, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }
}
