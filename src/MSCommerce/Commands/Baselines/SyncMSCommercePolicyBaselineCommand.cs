using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using MSCommerce.Client;
using MSCommerce.Client.Baselines;
using MSCommerce.Client.Fleet;
using MSCommerce.Fleet;

namespace MSCommerce.Commands
{
    /// <summary>
    /// Brings a tenant to a baseline file: changes only what differs, several changes in flight at
    /// once, each one confirmed (or listed by -WhatIf) before any is sent. With -TenantId (or a partner's customers
    /// on the pipeline), brings every tenant to the baseline, several tenants at once, one confirmation per tenant.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "MSCommercePolicyBaseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Sync-MSCommercePolicyBaseline.md")]
    [OutputType(typeof(PolicyChangeRecord), typeof(TenantBaselineResult))]
    public sealed class SyncMSCommercePolicyBaselineCommand : BaselineCmdlet
    {
        public const int DefaultThrottleLimit = 8;
        /// <summary>With -TenantId: the changes each tenant has in flight at once.</summary>
        public const int ChangesInFlightPerTenant = 4;
        private const string Activity = "Enforcing the policy baseline";

        private readonly List<TenantBaselineResult> _results = new List<TenantBaselineResult>();

        /// <summary>-ThrottleLimit here counts the changes in flight at once (8 by default); with -TenantId, the tenants synced at once.</summary>
        public SyncMSCommercePolicyBaselineCommand() => ThrottleLimit = DefaultThrottleLimit;

        /// <summary>Writes a record of each change made.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            base.ProcessRecord();
            if (AddToFleet(Path))
            {
                return;
            }

            SyncOne();
        }

        protected override void EndProcessing()
        {
            var tenantsAtOnce = MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : FleetRun.DefaultThrottleLimit;
            var run = RunFleet((run, path, tenants) =>
            {
                if (path != null)
                {
                    Path = path;
                }

                SyncFleet(run, ReadBaseline(), tenants, tenantsAtOnce);
            });
            if (run == null)
            {
                return;
            }

            var summary = run.WriteSummary("synced", _results);
            Report?.Write(this, "Sync-MSCommercePolicyBaseline", Path, summary, _results);
        }

        /// <summary>Reads every tenant, asks once per tenant that differs (-WhatIf lists it, -Confirm asks), then changes the approved tenants.</summary>
        private void SyncFleet(FleetRun run, PolicyBaseline baseline, IReadOnlyList<TenantTarget> tenants, int tenantsAtOnce)
        {
            var read = new List<TenantBaselineResult>();
            run.Run(tenants, tenantsAtOnce, changes: true,
                (client, tenant, cancel) => FleetBaselines.CheckAsync(client, tenant, baseline, FleetCommands.ContextFor(this, Messages, tenant), cancel),
                (tenant, result) => read.Add(result),
                (tenant, error) => Finish(FleetOutput.Failure(tenant, error)));

            var approved = new Dictionary<string, (TenantBaselineResult Read, IReadOnlyList<PolicyDrift> Changes)>(StringComparer.OrdinalIgnoreCase);
            foreach (var result in read)
            {
                var changes = result.Drift.Where(item => item.IsEnforceable).ToList();
                var listed = string.Join("; ", changes.Take(5).Select(item => $"{Target(item)} {Action(item)}")) + (changes.Count > 5 ? "; ..." : "");
                if (changes.Count > 0 && ShouldProcess($"{result.TenantName} ({result.TenantId})", $"Change {changes.Count} product(s) and offer type(s): {listed}"))
                {
                    approved[result.TenantId] = (result, changes);
                }
                else
                {
                    Finish(result);
                }
            }

            if (approved.Count == 0)
            {
                return;
            }

            run.Run(tenants.Where(tenant => approved.ContainsKey(tenant.TenantId)).ToList(), tenantsAtOnce, changes: true,
                (client, tenant, cancel) =>
                {
                    var (checkedResult, changes) = approved[tenant.TenantId];
                    return FleetBaselines.EnforceAsync(client, tenant, baseline, checkedResult, changes, ChangesInFlightPerTenant, FleetCommands.ContextFor(this, Messages, tenant), cancel);
                },
                (tenant, result) =>
                {
                    if (PassThru)
                    {
                        foreach (var change in result.Changes)
                        {
                            WriteObject(FleetOutput.WithTenant(Output.Of(change), tenant));
                        }
                    }

                    Finish(result);
                },
                (tenant, error) => Finish(FleetOutput.Failure(tenant, error)));
        }

        /// <summary>A tenant's end: counted, and written unless -PassThru writes its changes instead.</summary>
        private void Finish(TenantBaselineResult result)
        {
            _results.Add(result);
            if (!PassThru)
            {
                WriteObject(FleetOutput.Of(result));
            }
        }

        private void SyncOne()
        {
            if (ReportPath != null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("ReportPathNeedsTenantId",
                    "-ReportPath writes the per-tenant report of a sync over several tenants; this sync works in the connection's tenant only, so it would write nothing. Nothing was sent.",
                    ReportPath, "Give -TenantId (or pipe Get-MSCommercePartnerCustomer) for a per-tenant report, or leave -ReportPath out and run Test-MSCommercePolicyBaseline -ReportPath after the sync for this tenant's report."));
            }

            var baseline = ReadBaseline();
            var drift = CompareWithTenant(baseline);
            foreach (var absent in drift.Where(item => !item.IsEnforceable))
            {
                WriteWarning($"The baseline lists {absent.ProductName} ({absent.Id}), which the tenant does not have: remove it from {Path}.");
            }

            if (!drift.Any(item => item.IsEnforceable))
            {
                WriteOutcome($"The tenant already matches {Path}: nothing to change.");
                return;
            }

            var approved = drift.Where(item => item.IsEnforceable && ShouldProcess(Target(item), Action(item))).ToList();
            if (approved.Count == 0)
            {
                WriteVerbose("No change was approved.");
                return;
            }

            Enforce(baseline, approved);
        }

        private void Enforce(PolicyBaseline baseline, IReadOnlyList<PolicyDrift> changes)
        {
            var connection = RequireConnection();
            var progress = new Tally(changes.Count);
            using var refusal = new Refusal();
            var observer = new Observer(this, progress, refusal);
            WriteProgress(progress.Record(Activity));
            try
            {
                Await(async cancel =>
                {
                    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, refusal.Token);
                    try
                    {
                        await new BaselineEnforcer(connection.Client, baseline.PolicyId).RunAsync(changes, ThrottleLimit, observer, CallContext(), stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (refusal.Token.IsCancellationRequested && !cancel.IsCancellationRequested)
                    {
                        // A refusal of the sign-in itself: every other change would be refused alike, so none more is sent.
                    }

                    return true;
                });
            }
            finally
            {
                var done = progress.Record(Activity);
                done.RecordType = ProgressRecordType.Completed;
                WriteProgress(done);
            }

            if (refusal.First is { } first)
            {
                WriteStopped(first.Drift, first.Error, changes.Count - progress.Changed);
            }

            WriteOutcome(Outcome(progress));
        }

        /// <summary>The sync in one line, shown without -Verbose: "Changed 3 of 4 policies to match ./baseline.json; 1 failed."</summary>
        private string Outcome(Tally tally)
        {
            // Not sent: refused unsent (the service was down), or never started (a refusal of the sign-in stopped the sync).
            var unsent = tally.Total - tally.Changed - tally.Failed;
            var failed = tally.Failed == 0 ? "" : $"; {tally.Failed} failed";
            var notSent = unsent == 0 ? "" : $"; {unsent} not sent";
            return $"Changed {tally.Changed} of {tally.Total} policies to match {Path}{failed}{notSent}.";
        }

        /// <summary>One error for a sync the sign-in may not make, however many products differ, naming the roles that may.</summary>
        private void WriteStopped(PolicyDrift drift, CommerceServiceException error, int notMade)
        {
            var rest = notMade - 1;
            var others = rest > 0 ? $" The sync stopped there: the {rest} other change(s) were not sent." : "";
            var action = error.Kind == CommerceErrorKind.Authentication
                ? "Run Connect-MSCommerce again, or pass a fresh -Token, then run the sync again; it sends only what still differs."
                : "Sign in as a Billing Administrator or a Global Administrator (a Global Reader may only read), or grant the app the Policy.ReadWrite.AllowSelfServicePurchase role, then run the sync again.";
            var record = ErrorRecords.Create(error, error.Kind == CommerceErrorKind.Authentication ? "Unauthorized" : "AccessDenied",
                error.Kind == CommerceErrorKind.Authentication ? ErrorCategory.AuthenticationError : ErrorCategory.PermissionDenied, drift.Id, action,
                $"{Target(drift)}: {error.Message}{others}");
            WriteError(record);
        }

        private static string Target(PolicyDrift drift) => $"{drift.ProductName} ({drift.Id})";

        private static string Action(PolicyDrift drift) =>
            drift.Reason == DriftReason.NewProduct
                ? $"{drift.Actual} → {drift.Expected} (not listed: the baseline's default)"
                : $"{drift.Actual} → {drift.Expected}";

        /// <summary>Counts the changes as they end; read on the pipeline thread, written by workers.</summary>
        private sealed class Tally
        {
            private int _changed;
            private int _failed;
            private int _notSent;

            public Tally(int total) => Total = total;

            public int Total { get; }
            public int Changed => Volatile.Read(ref _changed);
            public int Failed => Volatile.Read(ref _failed);
            public int NotSent => Volatile.Read(ref _notSent);

            public void CountChanged() => Interlocked.Increment(ref _changed);

            public void CountFailed() => Interlocked.Increment(ref _failed);

            public void CountNotSent() => Interlocked.Increment(ref _notSent);

            public ProgressRecord Record(string activity)
            {
                var done = Changed + Failed + NotSent;
                var notSent = NotSent == 0 ? "" : $", {NotSent} not sent";
                return new ProgressRecord(1, activity, $"{done} of {Total} changes ({Failed} failed{notSent})")
                {
                    PercentComplete = Total == 0 ? 100 : (int)(100L * done / Total),
                };
            }
        }

        /// <summary>The first refusal of the sign-in itself (403, 401): it stops the sync, and is reported once, at the end.</summary>
        private sealed class Refusal : IDisposable
        {
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private (PolicyDrift Drift, CommerceServiceException Error)? _first;

            public CancellationToken Token => _stop.Token;

            public (PolicyDrift Drift, CommerceServiceException Error)? First
            {
                get { lock (_stop) { return _first; } }
            }

            public static bool Stops(Exception error) =>
                error is CommerceServiceException { Kind: CommerceErrorKind.PermissionDenied or CommerceErrorKind.Authentication };

            public void Record(PolicyDrift drift, CommerceServiceException error)
            {
                lock (_stop)
                {
                    _first ??= (drift, error);
                }

                _stop.Cancel();
            }

            public void Dispose() => _stop.Dispose();
        }

        /// <summary>Hands the workers' news to the pipeline thread, the only one allowed to write.</summary>
        private sealed class Observer : IBaselineEnforcementObserver
        {
            private readonly SyncMSCommercePolicyBaselineCommand _command;
            private readonly Tally _tally;
            private readonly Refusal _refusal;

            public Observer(SyncMSCommercePolicyBaselineCommand command, Tally tally, Refusal refusal)
            {
                _command = command;
                _tally = tally;
                _refusal = refusal;
            }

            public void Changed(PolicyChangeRecord change)
            {
                _tally.CountChanged();
                _command.Messages.Post(() =>
                {
                    _command.WriteVerbose($"{change}: done.");
                    if (_command.PassThru)
                    {
                        _command.WriteObject(Output.Of(change));
                    }

                    _command.WriteProgress(_tally.Record(Activity));
                });
            }

            public void Failed(PolicyDrift drift, Exception error)
            {
                _tally.CountFailed();
                if (Refusal.Stops(error))
                {
                    _refusal.Record(drift, (CommerceServiceException)error);
                    return;
                }

                var notFoundId = drift.Scope == PolicyDrift.OfferTypeScope ? "OfferTypeNotFound" : "ProductPolicyNotFound";
                _command.Messages.Post(() =>
                {
                    _command.WriteError(ErrorRecords.ForItem(ErrorRecords.From(error, notFoundId, drift.Id), Target(drift)));
                    _command.WriteProgress(_tally.Record(Activity));
                });
            }

            public void NotSent(PolicyChangeRecord change, CommerceServiceException error)
            {
                _tally.CountNotSent();
                _command.Messages.Post(() =>
                {
                    _command.WriteError(ErrorRecords.ForItem(ErrorRecords.From(error, "ProductPolicyNotFound", change.Id), $"{change.ProductName} ({change.Id})"));
                    if (_command.PassThru)
                    {
                        _command.WriteObject(Output.Of(change));
                    }

                    _command.WriteProgress(_tally.Record(Activity));
                });
            }
        }
    }
}
