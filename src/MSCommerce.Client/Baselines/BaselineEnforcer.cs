using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client.Http;

namespace MSCommerce.Client.Baselines
{
    /// <summary>What the enforcer reports as each change ends; called from worker threads.</summary>
    public interface IBaselineEnforcementObserver
    {
        /// <summary>A change was made; <paramref name="change"/> says what it was and when.</summary>
        void Changed(PolicyChangeRecord change);

        /// <summary>A change failed (<see cref="CommerceServiceException"/>); the other changes go on.</summary>
        void Failed(PolicyDrift drift, Exception error);

        /// <summary>A change never sent because the connection found the service down; the tenant keeps its previous value.</summary>
        void NotSent(PolicyChangeRecord change, CommerceServiceException error);
    }

    /// <summary>
    /// Applies changes with at most ThrottleLimit in flight. One change's failure is reported and the
    /// others go on; throttling answers are waited out by the client's retry handler, which holds
    /// every worker back while the service asks to wait. When the service goes down, the connection's
    /// circuit breaker refuses what is left at once, and each such change is reported as not sent.
    /// </summary>
    public sealed class BaselineEnforcer
    {
        private readonly CommerceClient _client;
        private readonly string _policyId;

        /// <summary>An enforcer that changes the given policy (usually <see cref="Policies.PolicyValues.AllowSelfServicePurchase"/>) through the client.</summary>
        public BaselineEnforcer(CommerceClient client, string policyId)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _policyId = policyId ?? throw new ArgumentNullException(nameof(policyId));
        }

        /// <summary>Applies every enforceable change (<see cref="PolicyDrift.IsEnforceable"/>), at most <paramref name="throttleLimit"/> at a time, reporting each to <paramref name="observer"/>. Cancelling stops sending; changes already made stay made and were reported.</summary>
        public async Task RunAsync(IReadOnlyList<PolicyDrift> changes, int throttleLimit, IBaselineEnforcementObserver observer, RequestContext? context, CancellationToken cancellationToken)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), "At least one change must be allowed in flight.");
            }

            var pending = new ConcurrentQueue<PolicyDrift>(changes.Where(change => change.IsEnforceable));
            var workers = Enumerable.Range(0, Math.Min(throttleLimit, Math.Max(1, pending.Count)))
                .Select(_ => Task.Run(() => WorkAsync(pending, observer, context, cancellationToken), cancellationToken));
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        private async Task WorkAsync(ConcurrentQueue<PolicyDrift> pending, IBaselineEnforcementObserver observer, RequestContext? context, CancellationToken cancellationToken)
        {
            while (pending.TryDequeue(out var change))
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await ApplyAsync(change, context, cancellationToken).ConfigureAwait(false);
                    observer.Changed(new PolicyChangeRecord(change, change.Expected, DateTimeOffset.UtcNow));
                }
                catch (CommerceServiceException error) when (error.NotSent)
                {
                    observer.NotSent(PolicyChangeRecord.NotSent(change), error);
                }
                catch (CommerceServiceException error)
                {
                    observer.Failed(change, error);
                }
                catch (Auth.SignInException error)
                {
                    observer.Failed(change, error);
                }
            }
        }

        private Task ApplyAsync(PolicyDrift change, RequestContext? context, CancellationToken cancellationToken) =>
            change.Scope == PolicyDrift.OfferTypeScope
                ? _client.UpdateOfferTypePolicyAsync(_policyId, change.Id, change.Expected, context, cancellationToken)
                : _client.UpdateProductPolicyAsync(_policyId, change.Id, change.Expected, context, cancellationToken);
    }
}
