using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MSCommerce.Client.Fleet
{
    /// <summary>Told, from worker threads, how each tenant's work ended.</summary>
    public interface ITenantWorkObserver<in T>
    {
        /// <summary>The tenant's work is done with this result.</summary>
        void Succeeded(TenantTarget tenant, T result);

        /// <summary>The tenant's work failed; the other tenants go on.</summary>
        void Failed(TenantTarget tenant, Exception error);
    }

    /// <summary>
    /// The same work over many tenants with one sign-in: at most <c>throttleLimit</c> tenants at once, each
    /// through a client of its own (<see cref="CommerceConnector.ForTenant"/>: its own token, throttling and
    /// circuit breaker), so one slow, throttled or failing tenant holds up only itself. A tenant that fails is
    /// reported and the others go on; cancelling stops every tenant's work.
    /// </summary>
    public static class TenantFleet
    {
        /// <summary>Runs <paramref name="work"/> for each tenant, telling <paramref name="observer"/> as each ends.</summary>
        public static async Task RunAsync<T>(CommerceClient partner, IReadOnlyList<TenantTarget> tenants, int throttleLimit,
            Func<CommerceClient, TenantTarget, CancellationToken, Task<T>> work, ITenantWorkObserver<T> observer, CancellationToken cancellationToken)
        {
            if (partner == null) throw new ArgumentNullException(nameof(partner));
            if (tenants == null) throw new ArgumentNullException(nameof(tenants));
            if (work == null) throw new ArgumentNullException(nameof(work));
            if (observer == null) throw new ArgumentNullException(nameof(observer));
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), "At least one tenant at a time.");

            var next = -1;
            async Task Worker()
            {
                // Off the caller's thread at once: the first tenant's work must not run on the pipeline thread.
                await Task.Yield();
                int index;
                while ((index = Interlocked.Increment(ref next)) < tenants.Count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await RunOneAsync(partner, tenants[index], work, observer, cancellationToken).ConfigureAwait(false);
                }
            }

            var workers = Enumerable.Range(0, Math.Min(throttleLimit, Math.Max(1, tenants.Count))).Select(_ => Task.Run(Worker, CancellationToken.None)).ToList();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        /// <summary>Runs <paramref name="work"/> for each tenant, calling <paramref name="succeeded"/> or <paramref name="failed"/> (on worker threads) as each ends.</summary>
        public static Task RunAsync<T>(CommerceClient partner, IReadOnlyList<TenantTarget> tenants, int throttleLimit,
            Func<CommerceClient, TenantTarget, CancellationToken, Task<T>> work, Action<TenantTarget, T> succeeded, Action<TenantTarget, Exception> failed, CancellationToken cancellationToken) =>
            RunAsync(partner, tenants, throttleLimit, work, new CallbackObserver<T>(succeeded, failed), cancellationToken);

        private sealed class CallbackObserver<T> : ITenantWorkObserver<T>
        {
            private readonly Action<TenantTarget, T> _succeeded;
            private readonly Action<TenantTarget, Exception> _failed;

            public CallbackObserver(Action<TenantTarget, T> succeeded, Action<TenantTarget, Exception> failed)
            {
                _succeeded = succeeded ?? throw new ArgumentNullException(nameof(succeeded));
                _failed = failed ?? throw new ArgumentNullException(nameof(failed));
            }

            public void Succeeded(TenantTarget tenant, T result) => _succeeded(tenant, result);

            public void Failed(TenantTarget tenant, Exception error) => _failed(tenant, error);
        }

        private static async Task RunOneAsync<T>(CommerceClient partner, TenantTarget tenant, Func<CommerceClient, TenantTarget, CancellationToken, Task<T>> work,
            ITenantWorkObserver<T> observer, CancellationToken cancellationToken)
        {
            T result;
            try
            {
                using (var client = CommerceConnector.ForTenant(partner, tenant.TenantId))
                {
                    result = await work(client, tenant, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error)
            {
                observer.Failed(tenant, error);
                return;
            }

            observer.Succeeded(tenant, result);
        }
    }
}
