using System;
using System.Collections.Generic;
using MSCommerce.Client.Baselines;

namespace MSCommerce.Client.Fleet
{
    /// <summary>How one tenant of a fleet stands against the baseline.</summary>
    public enum TenantBaselineStatus
    {
        /// <summary>The tenant matches the baseline.</summary>
        Compliant,
        /// <summary>The tenant differs from the baseline (after a sync: differences that were not changed).</summary>
        Drifted,
        /// <summary>A sync changed the tenant to match the baseline.</summary>
        Changed,
        /// <summary>The tenant could not be read or changed; <see cref="TenantBaselineResult.Error"/> says why.</summary>
        Failed,
    }

    /// <summary>One tenant's result of a fleet's baseline check or sync: the tenant, its status, what differs and what was changed.</summary>
    public sealed class TenantBaselineResult
    {
        /// <summary>A tenant's result.</summary>
        public TenantBaselineResult(TenantTarget tenant, TenantBaselineStatus status, IReadOnlyList<PolicyDrift> drift, IReadOnlyList<PolicyChangeRecord> changes,
            string? errorId = null, string? error = null, string? recommendedAction = null)
        {
            TenantId = tenant.TenantId;
            TenantName = tenant.TenantName;
            Status = status;
            Drift = drift;
            Changes = changes;
            ErrorId = errorId;
            Error = error;
            RecommendedAction = recommendedAction;
        }

        /// <summary>The tenant id (or domain) as given.</summary>
        public string TenantId { get; }
        /// <summary>The tenant's name.</summary>
        public string TenantName { get; }
        /// <summary>Compliant, Drifted, Changed or Failed.</summary>
        public TenantBaselineStatus Status { get; }
        /// <summary>How many differences were found.</summary>
        public int DriftCount => Drift.Count;
        /// <summary>The differences found (before a sync changed them).</summary>
        public IReadOnlyList<PolicyDrift> Drift { get; }
        /// <summary>How many changes a sync made.</summary>
        public int ChangeCount => Changes.Count;
        /// <summary>The changes a sync made (or did not send).</summary>
        public IReadOnlyList<PolicyChangeRecord> Changes { get; }
        /// <summary>For a failed tenant: the error's id (TenantRoleMissing, TenantRelationshipExpired, ...).</summary>
        public string? ErrorId { get; }
        /// <summary>For a failed tenant: why, naming the role it needs where a role is missing.</summary>
        public string? Error { get; }
        /// <summary>For a failed tenant: what to do about it.</summary>
        public string? RecommendedAction { get; }

        /// <summary>A failed tenant's result.</summary>
        public static TenantBaselineResult Failure(TenantTarget tenant, string errorId, string error, string? recommendedAction) =>
            new TenantBaselineResult(tenant, TenantBaselineStatus.Failed, Array.Empty<PolicyDrift>(), Array.Empty<PolicyChangeRecord>(), errorId, error, recommendedAction);

        /// <inheritdoc />
        public override string ToString() => $"{TenantName}: {Status}";
    }
}
