using System;

namespace MSCommerce.Client.Baselines
{
    /// <summary>What became of a change: made, or never sent because the service was down.</summary>
    public enum PolicyChangeOutcome
    {
        Changed,
        NotSent,
    }

    /// <summary>A change that enforcing a baseline made, or could not send.</summary>
    public sealed class PolicyChangeRecord
    {
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

        public string Scope { get; }
        public string Id { get; }
        public string? ProductId => Scope == PolicyDrift.ProductScope ? Id : null;
        public string? OfferType => Scope == PolicyDrift.OfferTypeScope ? Id : null;
        public string ProductName { get; }
        public string? PreviousValue { get; }
        public string NewValue { get; }
        public DriftReason Reason { get; }
        /// <summary>When the service made the change; null when it was not sent.</summary>
        public DateTimeOffset? ChangedAt { get; }

        public PolicyChangeOutcome Outcome { get; }

        /// <summary>A change that was never sent: the tenant still has its previous value, and NewValue is the one the baseline wants.</summary>
        public static PolicyChangeRecord NotSent(PolicyDrift drift) => new PolicyChangeRecord(drift, drift.Expected, null, PolicyChangeOutcome.NotSent);

        public override string ToString() =>
            Outcome == PolicyChangeOutcome.NotSent ? $"{ProductName} ({Id}): {PreviousValue} → {NewValue} (not sent)" : $"{ProductName} ({Id}): {PreviousValue} → {NewValue}";
    }
}
