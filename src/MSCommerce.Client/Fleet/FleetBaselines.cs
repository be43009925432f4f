using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Http;

namespace MSCommerce.Client.Fleet
{
    /// <summary>One tenant's part of a fleet's baseline check or sync, through that tenant's own client.</summary>
    public static class FleetBaselines
    {
        /// <summary>Reads the tenant's product and offer-type policies (both at once) and compares them with the baseline.</summary>
        public static async Task<TenantBaselineResult> CheckAsync(CommerceClient client, TenantTarget tenant, PolicyBaseline baseline, RequestContext? context, CancellationToken cancellationToken)
        {
            var products = client.GetProductPoliciesAsync(baseline.PolicyId, context, cancellationToken);
            var offerTypes = client.GetOfferTypePoliciesAsync(baseline.PolicyId, context, cancellationToken);
            await Task.WhenAll(products, offerTypes).ConfigureAwait(false);
            var drift = BaselineComparison.Compare(baseline, await products.ConfigureAwait(false), await offerTypes.ConfigureAwait(false));
            return new TenantBaselineResult(tenant, drift.Count == 0 ? TenantBaselineStatus.Compliant : TenantBaselineStatus.Drifted, drift, Array.Empty<PolicyChangeRecord>());
        }

        /// <summary>
        /// Makes the approved changes in the tenant, <paramref name="inFlight"/> at a time. The first refusal of the sign-in
        /// (401, 403) stops the tenant's sync and is thrown, as is the first other failure once the rest are done; either way
        /// the tenant failed, and its error says why.
        /// </summary>
        public static async Task<TenantBaselineResult> EnforceAsync(CommerceClient client, TenantTarget tenant, PolicyBaseline baseline, TenantBaselineResult checkedResult,
            IReadOnlyList<PolicyDrift> approved, int inFlight, RequestContext? context, CancellationToken cancellationToken)
        {
            var observer = new Collector();
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                observer.Refused += () => stop.Cancel();
                try
                {
                    await new BaselineEnforcer(client, baseline.PolicyId).RunAsync(approved, inFlight, observer, context, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (observer.Refusal != null && !cancellationToken.IsCancellationRequested)
                {
                }
            }

            if ((observer.Refusal ?? observer.FirstFailure) is Exception failed)
            {
                throw failed;
            }

            var changes = observer.Changes;
            var unchanged = checkedResult.Drift.Count - changes.Count(change => change.Outcome == PolicyChangeOutcome.Changed);
            var status = changes.Count == 0 ? (checkedResult.Drift.Count == 0 ? TenantBaselineStatus.Compliant : TenantBaselineStatus.Drifted)
                : unchanged > 0 ? TenantBaselineStatus.Drifted : TenantBaselineStatus.Changed;
            return new TenantBaselineResult(tenant, status, checkedResult.Drift, changes);
        }

        private sealed class Collector : IBaselineEnforcementObserver
        {
            private readonly List<PolicyChangeRecord> _changes = new List<PolicyChangeRecord>();

            public event Action? Refused;

            public Exception? Refusal { get; private set; }

            public Exception? FirstFailure { get; private set; }

            public IReadOnlyList<PolicyChangeRecord> Changes
            {
                get { lock (_changes) { return _changes.ToList(); } }
            }

            public void Changed(PolicyChangeRecord change)
            {
                lock (_changes) { _changes.Add(change); }
            }

            public void Failed(PolicyDrift drift, Exception error)
            {
                var refusal = error is CommerceServiceException { Kind: CommerceErrorKind.PermissionDenied or CommerceErrorKind.Authentication };
                lock (_changes)
                {
                    if (refusal) Refusal ??= error;
                    else FirstFailure ??= error;
                }

                if (refusal)
                {
                    Refused?.Invoke();
                }
            }

            public void NotSent(PolicyChangeRecord change, CommerceServiceException error)
            {
                lock (_changes)
                {
                    _changes.Add(change);
                    FirstFailure ??= error;
                }
            }
        }
    }
}
