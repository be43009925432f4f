using System;

namespace MSCommerce.Client.Baselines
{
    /// <summary>A change that enforcing a baseline made.</summary>
    public sealed class PolicyChangeRecord
    {
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

        public string Scope { get; }
        public string Id { get; }
        public string? ProductId => Scope == PolicyDrift.ProductScope ? Id : null;
        public string? OfferType => Scope == PolicyDrift.OfferTypeScope ? Id : null;
        public string ProductName { get; }
        public string? PreviousValue { get; }
        public string NewValue { get; }
        public DriftReason Reason { get; }
        public DateTimeOffset ChangedAt { get; }

        public override string ToString() => $"{ProductName} ({Id}): {PreviousValue} → {NewValue}";
    }
}
