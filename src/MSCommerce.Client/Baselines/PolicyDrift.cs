namespace MSCommerce.Client.Baselines
{
    /// <summary>Why a product or offer type differs from its baseline.</summary>
    public enum DriftReason
    {
        /// <summary>The baseline lists the product or offer type, and the tenant has another value.</summary>
        Drifted,

        /// <summary>The baseline lists a product or offer type the tenant does not have: nothing can enforce it.</summary>
        NotInTenant,

        /// <summary>The baseline does not list the product, and its value is not the baseline's default.</summary>
        NewProduct,
    }

    /// <summary>One difference between a baseline and a tenant.</summary>
    public sealed class PolicyDrift
    {
        /// <summary>The <see cref="Scope"/> of a product.</summary>
        public const string ProductScope = "Product";
        /// <summary>The <see cref="Scope"/> of an offer type.</summary>
        public const string OfferTypeScope = "OfferType";

        /// <summary>A difference for a product or offer type (<paramref name="scope"/>) between the value expected and the tenant's (null when absent).</summary>
        public PolicyDrift(string scope, string id, string name, string expected, string? actual, DriftReason reason)
        {
            Scope = scope;
            Id = id;
            ProductName = name;
            Expected = expected;
            Actual = actual;
            Reason = reason;
        }

        /// <summary>Product or OfferType.</summary>
        public string Scope { get; }

        /// <summary>The product id or the offer type.</summary>
        public string Id { get; }

        /// <summary>Set for products only, so that piping drift into the policy cmdlets binds the right parameter.</summary>
        public string? ProductId => Scope == ProductScope ? Id : null;

        /// <summary>Set for offer types only.</summary>
        public string? OfferType => Scope == OfferTypeScope ? Id : null;

        /// <summary>The product's (or offer type's) name, from the tenant or else from the baseline.</summary>
        public string ProductName { get; }

        /// <summary>The value the baseline expects.</summary>
        public string Expected { get; }

        /// <summary>The tenant's value; null when the tenant does not have the product.</summary>
        public string? Actual { get; }

        /// <summary>Why it differs.</summary>
        public DriftReason Reason { get; }

        /// <summary>Whether enforcing the baseline can remove this difference.</summary>
        public bool IsEnforceable => Reason != DriftReason.NotInTenant;

        /// <inheritdoc />
        public override string ToString() => $"{ProductName} ({Id}): {Actual ?? "absent"} → {Expected} [{Reason}]";
    }
}
