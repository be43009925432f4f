using System;
using System.Collections.Generic;
using System.Linq;
using MSCommerce.Client.Policies;

namespace MSCommerce.Client.Baselines
{
    /// <summary>One product or offer type checked against a baseline: passed, or drifted with the reason.</summary>
    public sealed class PolicyCheck
    {
        /// <summary>A check of a product or offer type (<paramref name="scope"/>), with the drift found (null when it matches) and the baseline line that declares it.</summary>
        public PolicyCheck(string scope, string id, string name, string expected, string? actual, DriftReason? drift, int line)
        {
            Scope = scope;
            Id = id;
            Name = name;
            Expected = expected;
            Actual = actual;
            Drift = drift;
            Line = line;
        }

        /// <summary>Product or OfferType.</summary>
        public string Scope { get; }

        /// <summary>The product id or offer type.</summary>
        public string Id { get; }

        /// <summary>The product's or offer type's name.</summary>
        public string Name { get; }

        /// <summary>The value the baseline expects.</summary>
        public string Expected { get; }

        /// <summary>The tenant's value; null when the tenant does not have it.</summary>
        public string? Actual { get; }

        /// <summary>Why it differs; null when it matches.</summary>
        public DriftReason? Drift { get; }

        /// <summary>The line of the baseline file that declares the expected value (its entry, or defaultValue); 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>Whether it matches the baseline.</summary>
        public bool Passed => Drift == null;

        /// <summary>A difference as a failed check, declared on <paramref name="line"/> of the baseline (0 when unknown).</summary>
        internal static PolicyCheck Of(PolicyDrift drift, int line = 0) =>
            new PolicyCheck(drift.Scope, drift.Id, drift.ProductName, drift.Expected, drift.Actual, drift.Reason, line);
    }

    /// <summary>The result of checking a tenant against a baseline file, every product and listed offer type, for CI systems to show.</summary>
    public sealed class DriftReport
    {
        /// <summary>A report of <paramref name="checks"/> against the baseline file at <paramref name="baselineFile"/> (as the CI knows it, e.g. relative to the repository).</summary>
        public DriftReport(string baselineFile, string policyId, IReadOnlyList<PolicyCheck> checks, DateTimeOffset checkedAt)
        {
            BaselineFile = baselineFile;
            PolicyId = policyId;
            Checks = checks;
            CheckedAt = checkedAt;
        }

        /// <summary>The baseline file, as reports name it.</summary>
        public string BaselineFile { get; }

        /// <summary>The policy checked.</summary>
        public string PolicyId { get; }

        /// <summary>Every check, products first, each kind by id.</summary>
        public IReadOnlyList<PolicyCheck> Checks { get; }

        /// <summary>When the tenant was read.</summary>
        public DateTimeOffset CheckedAt { get; }

        /// <summary>The checks that failed.</summary>
        public IEnumerable<PolicyCheck> Drifted => Checks.Where(check => !check.Passed);

        /// <summary>
        /// Every product of the tenant, every product the baseline lists and every offer type it lists, each passed or
        /// failed by <paramref name="drift"/> (<see cref="BaselineComparison.Compare"/>'s result for the same data).
        /// </summary>
        public static DriftReport Create(string baselineFile, PolicyBaseline baseline, int defaultValueLine, IReadOnlyList<PolicyDrift> drift,
            IEnumerable<ProductPolicy> products, IEnumerable<OfferTypePolicy> offerTypes, DateTimeOffset checkedAt)
        {
            var productLines = baseline.Products.ToDictionary(entry => entry.Id, entry => entry.Line, StringComparer.OrdinalIgnoreCase);
            var offerTypeLines = baseline.OfferTypes.ToDictionary(entry => entry.Id, entry => entry.Line, StringComparer.OrdinalIgnoreCase);
            var failed = drift.ToDictionary(item => item.Scope + "/" + item.Id, StringComparer.OrdinalIgnoreCase);
            var checks = new List<PolicyCheck>();

            int ProductLine(string id) => productLines.TryGetValue(id, out var line) ? line : defaultValueLine;

            foreach (var product in products)
            {
                checks.Add(failed.TryGetValue(PolicyDrift.ProductScope + "/" + product.ProductId, out var item)
                    ? PolicyCheck.Of(item, ProductLine(product.ProductId))
                    : new PolicyCheck(PolicyDrift.ProductScope, product.ProductId, product.ProductName, product.PolicyValue, product.PolicyValue, null, ProductLine(product.ProductId)));
            }

            checks.AddRange(drift.Where(item => item.Scope == PolicyDrift.ProductScope && item.Reason == DriftReason.NotInTenant).Select(item => PolicyCheck.Of(item, ProductLine(item.Id))));

            var tenantOfferTypes = offerTypes.ToDictionary(offerType => offerType.ScopeId, StringComparer.OrdinalIgnoreCase);
            foreach (var entry in baseline.OfferTypes)
            {
                var line = offerTypeLines[entry.Id];
                checks.Add(failed.TryGetValue(PolicyDrift.OfferTypeScope + "/" + entry.Id, out var item)
                    ? PolicyCheck.Of(item, line)
                    : new PolicyCheck(PolicyDrift.OfferTypeScope, entry.Id, tenantOfferTypes[entry.Id].ScopeValue, entry.Value, entry.Value, null, line));
            }

            var ordered = checks
                .OrderBy(check => check.Scope == PolicyDrift.ProductScope ? 0 : 1)
                .ThenBy(check => check.Id, StringComparer.Ordinal)
                .ToList();
            return new DriftReport(baselineFile, baseline.PolicyId, ordered, checkedAt);
        }
    }
}
