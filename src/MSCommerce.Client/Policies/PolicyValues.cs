using System;
using System.Collections.Generic;
using System.Linq;

namespace MSCommerce.Client.Policies
{
    /// <summary>The values of AllowSelfServicePurchase, and the local checks made before any request.</summary>
    public static class PolicyValues
    {
        /// <summary>The id of the self-service purchase policy.</summary>
        public const string AllowSelfServicePurchase = "AllowSelfServicePurchase";
        /// <summary>Users may buy the product (or offer type).</summary>
        public const string Enabled = "Enabled";
        /// <summary>Users may not buy the product (or offer type).</summary>
        public const string Disabled = "Disabled";
        /// <summary>Users may start trials that need no payment method, and buy nothing.</summary>
        public const string OnlyTrialsWithoutPaymentMethod = "OnlyTrialsWithoutPaymentMethod";

        /// <summary>The values a product can have.</summary>
        public static IReadOnlyList<string> ProductValues { get; } = new[] { Enabled, Disabled, OnlyTrialsWithoutPaymentMethod };

        /// <summary>The values an offer type can have.</summary>
        public static IReadOnlyList<string> OfferTypeValues { get; } = new[] { Enabled, Disabled };

        /// <summary>The third-party offer types the service knows.</summary>
        public static IReadOnlyList<string> KnownOfferTypes { get; } = new[] { "SaaS", "POWERBIVISUALS", "DYNAMICSCE", "DYNAMICSBC" };

        /// <summary>
        /// The value as the service spells it, whatever the case it was typed in (-Value, a baseline file); null when
        /// it is no value at all. The one rule for every value a user gives: case-insensitive, otherwise exact.
        /// </summary>
        public static string? Canonical(string value, IEnumerable<string> allowed) =>
            allowed.FirstOrDefault(candidate => string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase));
    }
}
