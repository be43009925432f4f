using System;

namespace MSCommerce.Client.Baselines
{
    /// <summary>A change that enforcing a baseline made.</summary>
    public sealed class PolicyChangeRecord
    {
        /// <summary>Records that the drift <paramref name="drift"/> was enforced with <paramref name="newValue"/> at <paramref name="changedAt"/>.</summary>
        public PolicyChangeRecord(PolicyDrift drift, string newValue, DateTimeOffset changedAt)
        {
            Scope = drift.Scope;
            Id = drift.Id;
            ProductName = drift.ProductName;
            PreviousValue = drift.Actual;
            NewValue = newValue;
            Reason = drift.Reason;
            ChangedAt = changedAt;
        }

        /// <summary>Product or OfferType.</summary>
        public string Scope { get; }
        /// <summary>The product id or the offer type.</summary>
        public string Id { get; }
        /// <summary>Set for products only.</summary>
        public string? ProductId => Scope == PolicyDrift.ProductScope ? Id : null;
        /// <summary>Set for offer types only.</summary>
        public string? OfferType => Scope == PolicyDrift.OfferTypeScope ? Id : null;
        /// <summary>The product's (or offer type's) name.</summary>
        public string ProductName { get; }
        /// <summary>The value before the change; null when the tenant had none.</summary>
        public string? PreviousValue { get; }
        /// <summary>The value set.</summary>
        public string NewValue { get; }
        /// <summary>Why the change was made.</summary>
        public DriftReason Reason { get; }
        /// <summary>When the service confirmed the change.</summary>
        public DateTimeOffset ChangedAt { get; }

        /// <inheritdoc />
        public override string ToString() => $"{ProductName} ({Id}): {PreviousValue} → {NewValue}";
    }
}
