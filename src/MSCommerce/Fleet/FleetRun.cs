using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MSCommerce.Client;
using MSCommerce.Client.Auth;
using MSCommerce.Client.Fleet;
using MSCommerce.Client.Http;
using MSCommerce.Client.Partners;
using MSCommerce.Commands;
using MSCommerce.Connections;

namespace MSCommerce.Fleet
{
    /// <summary>
    /// A cmdlet's work over many tenants with one sign-in: the partner's customers read once (names, and why a
    /// tenant fails), then each tenant's work through <see cref="TenantFleet"/>, its outcome written on the
    /// pipeline thread as it ends, progress per tenant, and one error per tenant that fails.
    /// </summary>
    internal sealed class FleetRun
    {
        public const int DefaultThrottleLimit = 16;
        private const string Activity = "Working through the tenants";

        private readonly PSCmdlet _cmdlet;
        private readonly CmdletMessages _messages;
        private readonly Func<Func<CancellationToken, Task<bool>>, bool> _await;
        private readonly MSCommerceConnection _connection;
        private readonly RequestContext _context;
        private readonly List<string> _failedTenants = new List<string>();
        private IReadOnlyDictionary<string, PartnerCustomer>? _customers;
        private int _tenants;

        public FleetRun(PSCmdlet cmdlet, CmdletMessages messages, Func<Func<CancellationToken, Task<bool>>, bool> await, MSCommerceConnection connection, RequestContext context)
        {
            _cmdlet = cmdlet;
            _messages = messages;
            _await = await;
            _connection = connection;
            _context = context;
            Stopwatch = Stopwatch.StartNew();
        }

        public Stopwatch Stopwatch { get; }

        /// <summary>The tenants given, each once (by id, any case), named from the partner's customers where the caller gave no name.</summary>
        private IReadOnlyList<TenantTarget> Resolve(IEnumerable<TenantTarget> given)
        {
            var customers = Customers();
            return given
                .GroupBy(tenant => tenant.TenantId, StringComparer.OrdinalIgnoreCase)
                .Select(group => group.First())
                .Select(tenant => tenant.TenantName == tenant.TenantId && customers.TryGetValue(tenant.TenantId, out var customer) ? new TenantTarget(tenant.TenantId, customer.TenantName) : tenant)
                .ToList();
        }

        /// <summary>The partner's customers by tenant id, read once; empty when they cannot be read (an app without Graph access, a token for one tenant).</summary>
        public IReadOnlyDictionary<string, PartnerCustomer> Customers()
        {
            if (_customers != null)
            {
                return _customers;
            }

            try
            {
                IReadOnlyList<PartnerCustomer>? list = null;
                _await(async cancel =>
                {
                    list = await _connection.Client.GetPartnerCustomersAsync(_context, cancel).ConfigureAwait(false);
                    return true;
                });
                _customers = list!.GroupBy(customer => customer.TenantId, StringComparer.OrdinalIgnoreCase).ToDictionary(group => group.Key, group => group.First(), StringComparer.OrdinalIgnoreCase);
            }
            catch (Exception error) when (error is CommerceServiceException || error is SignInException)
            {
                _cmdlet.WriteVerbose($"The partner's customers could not be read, so tenants are named by their ids and failures are not matched to relationships: {error.Message}");
                _customers = new Dictionary<string, PartnerCustomer>();
            }

            return _customers;
        }

        /// <summary>
        /// Runs <paramref name="work"/> for every tenant given (each once, named), <paramref name="throttleLimit"/> at a time; <paramref name="succeeded"/>
        /// is called on the pipeline thread with each tenant's result, <paramref name="failed"/> with the error record of a tenant that failed (written
        /// already, and the tenant counted as failed).
        /// </summary>
        public void Run<T>(IReadOnlyList<TenantTarget> given, int throttleLimit, bool changes, Func<CommerceClient, TenantTarget, CancellationToken, Task<T>> work,
            Action<TenantTarget, T> succeeded, Action<TenantTarget, ErrorRecord>? failed = null)
        {
            var tenants = Resolve(given);
            _tenants += tenants.Count;
            var customers = Customers();
            var progress = new Progress(tenants.Count);
            var observer = new Observer<T>(this, progress, customers, changes, succeeded, failed);
            _cmdlet.WriteProgress(progress.Record());
            try
            {
                _await(async cancel =>
                {
                    await TenantFleet.RunAsync(_connection.Client, tenants, throttleLimit, work, observer, cancel).ConfigureAwait(false);
                    return true;
                });
            }
            finally
            {
                var completed = progress.Record();
                completed.RecordType = ProgressRecordType.Completed;
                _cmdlet.WriteProgress(completed);
            }
        }

        /// <summary>The summary, on the information stream (shown like Write-Host, silenced by -InformationAction Ignore), its MessageData the <see cref="FleetSummary"/>.</summary>
        public FleetSummary WriteSummary(string action, IReadOnlyCollection<TenantBaselineResult> results)
        {
            var summary = new FleetSummary(action, results, Stopwatch.Elapsed);
            _cmdlet.WriteInformation(summary, new[] { "PSHOST", "MSCommerce.FleetSummary" });
            return summary;
        }

        /// <summary>A tenant whose result could not be used (its file not written): counted as failed in the summary of reads.</summary>
        public void CountFailed(TenantTarget tenant) => _failedTenants.Add(tenant.TenantName);

        /// <summary>The summary of a command that reads or exports: how many tenants were run, and which failed.</summary>
        public FleetSummary WriteReadSummary(string action)
        {
            var summary = FleetSummary.ForReads(action, _tenants, _failedTenants, Stopwatch.Elapsed);
            _cmdlet.WriteInformation(summary, new[] { "PSHOST", "MSCommerce.FleetSummary" });
            return summary;
        }

        private sealed class Progress
        {
            private readonly int _total;
            private int _done;
            private int _failed;

            public Progress(int total) => _total = total;

            public void Count(bool failed)
            {
                Interlocked.Increment(ref _done);
                if (failed)
                {
                    Interlocked.Increment(ref _failed);
                }
            }

            public ProgressRecord Record()
            {
                var done = Volatile.Read(ref _done);
                return new ProgressRecord(2, Activity, $"{done} of {_total} tenants ({Volatile.Read(ref _failed)} failed)")
                {
                    PercentComplete = _total == 0 ? 100 : (int)(100L * done / _total),
                };
            }
        }

        /// <summary>Hands each tenant's end to the pipeline thread, the only one allowed to write.</summary>
        private sealed class Observer<T> : ITenantWorkObserver<T>
        {
            private readonly FleetRun _run;
            private readonly Progress _progress;
            private readonly IReadOnlyDictionary<string, PartnerCustomer> _customers;
            private readonly bool _changes;
            private readonly Action<TenantTarget, T> _succeeded;
            private readonly Action<TenantTarget, ErrorRecord>? _failed;

            public Observer(FleetRun run, Progress progress, IReadOnlyDictionary<string, PartnerCustomer> customers, bool changes, Action<TenantTarget, T> succeeded, Action<TenantTarget, ErrorRecord>? failed)
            {
                _run = run;
                _progress = progress;
                _customers = customers;
                _changes = changes;
                _succeeded = succeeded;
                _failed = failed;
            }

            public void Succeeded(TenantTarget tenant, T result)
            {
                _progress.Count(false);
                _run._messages.Post(() =>
                {
                    _succeeded(tenant, result);
                    _run._cmdlet.WriteProgress(_progress.Record());
                });
            }

            public void Failed(TenantTarget tenant, Exception error)
            {
                _progress.Count(true);
                var record = FleetErrors.For(tenant, error, _customers.TryGetValue(tenant.TenantId, out var customer) ? customer : null, _changes);
                _run._messages.Post(() =>
                {
                    _run._cmdlet.WriteError(record);
                    _run.CountFailed(tenant);
                    _failed?.Invoke(tenant, record);
                    _run._cmdlet.WriteProgress(_progress.Record());
                });
            }
        }
    }
}
