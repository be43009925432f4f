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
    /// once, each one confirmed (or listed by -WhatIf) before any is sent.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "MSCommercePolicyBaseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PolicyChangeRecord))]
    public sealed class SyncMSCommercePolicyBaselineCommand : BaselineCmdlet
    {
        public const int DefaultThrottleLimit = 8;
        private const string Activity = "Enforcing the policy baseline";

        /// <summary>How many changes may be in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>Writes a record of each change made.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var baseline = ReadBaseline();
            var drift = CompareWithTenant(baseline);
            foreach (var absent in drift.Where(item => !item.IsEnforceable))
            {
                WriteWarning($"The baseline lists {absent.ProductName} ({absent.Id}), which the tenant does not have: remove it from {Path}.");
            }

            var approved = drift.Where(item => item.IsEnforceable && ShouldProcess(Target(item), Action(item))).ToList();
            if (approved.Count == 0)
            {
                WriteVerbose(drift.Any(item => item.IsEnforceable) ? "No change was approved." : $"The tenant already matches the baseline {Path}: nothing to change.");
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

            WriteVerbose($"Changed {progress.Changed} of {changes.Count}; {progress.Failed} failed; {progress.NotSent} not sent.");
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
