using System;
using System.Collections.Generic;
using System.Linq;
using MSCommerce.Client.Policies;

namespace MSCommerce.Client.Baselines
{
    /// <summary>Compares a baseline with a tenant's policies: what differs, and why.</summary>
    public static class BaselineComparison
    {
        /// <summary>The differences between a baseline and a tenant's current product and offer-type policies, in a stable order.</summary>
        public static IReadOnlyList<PolicyDrift> Compare(PolicyBaseline baseline, IEnumerable<ProductPolicy> products, IEnumerable<OfferTypePolicy> offerTypes)
        {
            var drift = new List<PolicyDrift>();
            var tenantProducts = products.ToDictionary(product => product.ProductId, StringComparer.OrdinalIgnoreCase);
            var listed = new HashSet<string>(baseline.Products.Select(entry => entry.Id), StringComparer.OrdinalIgnoreCase);

            foreach (var entry in baseline.Products)
            {
                if (!tenantProducts.TryGetValue(entry.Id, out var actual))
                {
                    drift.Add(new PolicyDrift(PolicyDrift.ProductScope, entry.Id, entry.Name ?? entry.Id, entry.Value, null, DriftReason.NotInTenant));
                }
                else if (actual.PolicyValue != entry.Value)
                {
                    drift.Add(new PolicyDrift(PolicyDrift.ProductScope, actual.ProductId, actual.ProductName, entry.Value, actual.PolicyValue, DriftReason.Drifted));
                }
            }

            foreach (var product in tenantProducts.Values.Where(product => !listed.Contains(product.ProductId)))
            {
                if (product.PolicyValue != baseline.DefaultValue)
                {
                    drift.Add(new PolicyDrift(PolicyDrift.ProductScope, product.ProductId, product.ProductName, baseline.DefaultValue, product.PolicyValue, DriftReason.NewProduct));
                }
            }

            var tenantOfferTypes = offerTypes.ToDictionary(offerType => offerType.ScopeId, StringComparer.OrdinalIgnoreCase);
            foreach (var entry in baseline.OfferTypes)
            {
                if (!tenantOfferTypes.TryGetValue(entry.Id, out var actual))
                {
                    drift.Add(new PolicyDrift(PolicyDrift.OfferTypeScope, entry.Id, entry.Name ?? entry.Id, entry.Value, null, DriftReason.NotInTenant));
                }
                else if (actual.PolicyValue != entry.Value)
                {
                    drift.Add(new PolicyDrift(PolicyDrift.OfferTypeScope, actual.ScopeId, actual.ScopeValue, entry.Value, actual.PolicyValue, DriftReason.Drifted));
                }
            }

            return drift
                .OrderBy(item => item.Scope == PolicyDrift.ProductScope ? 0 : 1)
                .ThenBy(item => item.Id, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>A baseline that describes the tenant as it is now.</summary>
        public static PolicyBaseline Describe(string policyId, string defaultValue, IEnumerable<ProductPolicy> products, IEnumerable<OfferTypePolicy> offerTypes) =>
            new PolicyBaseline(
                policyId,
                defaultValue,
                products.Select(product => new BaselineEntry(product.ProductId, product.ProductName, product.PolicyValue)).ToList(),
                offerTypes.Select(offerType => new BaselineEntry(offerType.ScopeId, offerType.ScopeValue, offerType.PolicyValue)).ToList());
    }
}
