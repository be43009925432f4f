using System;
using System.Collections.Generic;
using System.Linq;

namespace MSCommerce.Client.Fleet
{
    /// <summary>What a command over many tenants came to: how many tenants, and how many ended each way.</summary>
    public sealed class FleetSummary
    {
        /// <summary>A summary of the results; <paramref name="action"/> names what was done ("checked", "synced").</summary>
        public FleetSummary(string action, IReadOnlyCollection<TenantBaselineResult> results, TimeSpan elapsed)
        {
            Action = action;
            Tenants = results.Count;
            Compliant = results.Count(result => result.Status == TenantBaselineStatus.Compliant);
            Drifted = results.Count(result => result.Status == TenantBaselineStatus.Drifted);
            Changed = results.Count(result => result.Status == TenantBaselineStatus.Changed);
            Failed = results.Count(result => result.Status == TenantBaselineStatus.Failed);
            FailedTenants = results.Where(result => result.Status == TenantBaselineStatus.Failed).Select(result => result.TenantName).ToList();
            Elapsed = elapsed;
        }

        /// <summary>A summary of a command that only reads or exports: how many tenants, and which failed.</summary>
        public static FleetSummary ForReads(string action, int tenants, IReadOnlyList<string> failedTenants, TimeSpan elapsed) =>
            new FleetSummary(action, tenants, failedTenants, elapsed);

        private FleetSummary(string action, int tenants, IReadOnlyList<string> failedTenants, TimeSpan elapsed)
        {
            Action = action;
            Tenants = tenants;
            Failed = failedTenants.Count;
            FailedTenants = failedTenants;
            Elapsed = elapsed;
            IsReadOnly = true;
        }

        /// <summary>What was done to each tenant: checked, synced, read, exported.</summary>
        public string Action { get; }
        /// <summary>The tenants the command was given.</summary>
        public int Tenants { get; }
        /// <summary>Tenants that matched the baseline (a sync had nothing to change).</summary>
        public int Compliant { get; }
        /// <summary>Tenants that differ from the baseline (a sync: differences left unchanged, e.g. with -WhatIf).</summary>
        public int Drifted { get; }
        /// <summary>Tenants a sync changed.</summary>
        public int Changed { get; }
        /// <summary>Tenants that could not be read or changed.</summary>
        public int Failed { get; }
        /// <summary>The names of the tenants that failed.</summary>
        public IReadOnlyList<string> FailedTenants { get; }
        /// <summary>How long the whole command took.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>Tenants whose work succeeded.</summary>
        public int Succeeded => Tenants - Failed;

        /// <summary>True for a command that read or exported rather than compared with a baseline.</summary>
        public bool IsReadOnly { get; }

        /// <inheritdoc />
        public override string ToString()
        {
            if (IsReadOnly)
            {
                return $"{Tenants} tenant(s) {Action} in {Elapsed.TotalSeconds:0.0} s: {Succeeded} {Action}, {Failed} failed.";
            }

            var parts = new List<string>();
            if (Compliant > 0 || Changed == 0) parts.Add($"{Compliant} compliant");
            if (Changed > 0) parts.Add($"{Changed} changed");
            parts.Add($"{Drifted} drifted");
            parts.Add($"{Failed} failed");
            return $"{Tenants} tenant(s) {Action} in {Elapsed.TotalSeconds:0.0} s: {string.Join(", ", parts)}.";
        }
    }
}
