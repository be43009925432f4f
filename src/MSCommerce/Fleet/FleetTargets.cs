using System;
using System.Collections.Generic;
using System.Linq;
using MSCommerce.Client.Fleet;

namespace MSCommerce.Fleet
{
    /// <summary>The tenants a fleet cmdlet is given, from -TenantId and from tenant objects on the pipeline, with the baseline each goes with.</summary>
    internal sealed class FleetTargets
    {
        private readonly List<(TenantTarget Tenant, string? Path)> _targets = new List<(TenantTarget, string?)>();

        public bool IsEmpty => _targets.Count == 0;

        public void Add(IEnumerable<string> tenantIds, string? tenantName, string? path)
        {
            var ids = tenantIds.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).ToList();
            foreach (var id in ids)
            {
                // A name piped with one tenant is that tenant's; with several ids it names none of them.
                _targets.Add((new TenantTarget(id, ids.Count == 1 ? tenantName : null), path));
            }
        }

        /// <summary>The baselines the tenants go with, each with its tenants (the same tenant once per baseline).</summary>
        public IEnumerable<(string? Path, IReadOnlyList<TenantTarget> Tenants)> ByPath() =>
            _targets.GroupBy(target => target.Path, StringComparer.Ordinal)
                .Select(group => (group.Key, (IReadOnlyList<TenantTarget>)group.Select(target => target.Tenant).ToList()));
    }
}
