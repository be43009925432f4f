using System;
using System.Collections.Generic;

namespace MSCommerce.Client.Purchases
{
    /// <summary>A subscription the organisation pays for (not bought by a user), with its licence counts: where a self-service purchase's users can be moved.</summary>
    public sealed class OrganizationSubscription
    {
        /// <summary>The subscription's id.</summary>
        public string SubscriptionId { get; set; } = "";
        /// <summary>The product's id.</summary>
        public string ProductId { get; set; } = "";
        /// <summary>The product's name.</summary>
        public string? ProductName { get; set; }
        /// <summary>How many licences the organisation pays for.</summary>
        public int Quantity { get; set; }
        /// <summary>How many of them are assigned.</summary>
        public int AssignedLicenses { get; set; }
        /// <summary>How many are free: what a take-over can move onto it.</summary>
        public int AvailableLicenses { get; set; }
        /// <summary>Active, Expired, Disabled or Cancelled.</summary>
        public string Status { get; set; } = "";
        /// <summary>When it expires or renews; null when unknown.</summary>
        public DateTimeOffset? ExpirationDate { get; set; }
        /// <summary>The users holding its licences.</summary>
        public IReadOnlyList<AssignedUser> AssignedUsers { get; set; } = Array.Empty<AssignedUser>();

        /// <inheritdoc />
        public override string ToString() => $"{ProductName ?? ProductId} ({SubscriptionId})";
    }
}
