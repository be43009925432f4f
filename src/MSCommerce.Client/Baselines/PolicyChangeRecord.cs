using System;

namespace MSCommerce.Client.Baselines
{
    /// <summary>What became of a change: made, or never sent because the service was down.</summary>
    public enum PolicyChangeOutcome
    {
        /// <summary>The service made the change.</summary>
        Changed,
        /// <summary>The change was never sent: the connection found the service down. The tenant keeps its previous value.</summary>
        NotSent,
    }

    /// <summary>A change that enforcing a baseline made, or could not send.</summary>
    public sealed class PolicyChangeRecord
    {
        /// <summary>Records that the drift <paramref name="drift"/> was enforced with <paramref name="newValue"/> at <paramref name="changedAt"/>.</summary>
        public PolicyChangeRecord(PolicyDrift drift, string newValue, DateTimeOffset changedAt)
            : this(drift, newValue, changedAt, PolicyChangeOutcome.Changed)
        {
        }

        private PolicyChangeRecord(PolicyDrift drift, string newValue, DateTimeOffset? changedAt, PolicyChangeOutcome outcome)
        {
            Outcome = outcome;
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
        /// <summary>When the service confirmed the change; null when it was not sent.</summary>
        public DateTimeOffset? ChangedAt { get; }

        /// <summary>Whether the change was made or not sent.</summary>
        public PolicyChangeOutcome Outcome { get; }

        /// <summary>A change that was never sent: the tenant still has its previous value, and NewValue is the one the baseline wants.</summary>
        public static PolicyChangeRecord NotSent(PolicyDrift drift) => new PolicyChangeRecord(drift, drift.Expected, null, PolicyChangeOutcome.NotSent);

        /// <inheritdoc />
        public override string ToString() =>
            Outcome == PolicyChangeOutcome.NotSent ? $"{ProductName} ({Id}): {PreviousValue} → {NewValue} (not sent)" : $"{ProductName} ({Id}): {PreviousValue} → {NewValue}";
    }
}
