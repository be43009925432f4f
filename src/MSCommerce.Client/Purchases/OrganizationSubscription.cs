using System;
using System.Collections.Generic;

namespace MSCommerce.Client.Purchases
{
    /// <summary>A subscription the organisation pays for (not bought by a user), with its licence counts: where a self-service purchase's users can be moved.</summary>
    public sealed class OrganizationSubscription
    {
        public string SubscriptionId { get; set; } = "";
        public string ProductId { get; set; } = "";
        public string? ProductName { get; set; }
        public int Quantity { get; set; }
        public int AssignedLicenses { get; set; }
        public int AvailableLicenses { get; set; }
        public string Status { get; set; } = "";
        public DateTimeOffset? ExpirationDate { get; set; }
        public IReadOnlyList<AssignedUser> AssignedUsers { get; set; } = Array.Empty<AssignedUser>();

        public override string ToString() => $"{ProductName ?? ProductId} ({SubscriptionId})";
    }
}
